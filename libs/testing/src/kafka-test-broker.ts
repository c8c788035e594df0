import { ChildProcess, spawn } from 'node:child_process';

/**
 * librdkafka's mock cluster, started through Debian's `kcat` (docs/architecture.md#the-kafka-test-broker). It speaks the Kafka
 * protocol, keeps messages in memory and comes back empty on new ports after a restart, so
 * outages are simulated by freezing it (SIGSTOP) rather than killing it.
 */
export class KafkaTestBroker {
  private constructor(
    private readonly process: ChildProcess,
    readonly brokers: string[],
  ) {}

  static async start(options: { brokers?: number; timeoutMs?: number } = {}): Promise<KafkaTestBroker> {
    const child = spawn(
      'kcat',
      ['-X', `test.mock.num.brokers=${options.brokers ?? 3}`, '-b', 'localhost:9092', '-C', '-t', 'hearth.mock-bootstrap', '-o', 'end', '-q'],
      // Its own process group, so a Ctrl-C does not stop the broker before the services using it.
      { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
    );
    const brokers = await readBootstrapServers(child, options.timeoutMs ?? 10_000);
    return new KafkaTestBroker(child, brokers);
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  freeze(): void {
    this.process.kill('SIGSTOP');
  }

  thaw(): void {
    this.process.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    this.thaw();
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  }
}

function readBootstrapServers(child: ChildProcess, timeoutMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`kcat mock cluster did not start within ${timeoutMs} ms: ${output}`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.once('error', (error) =>
      fail(new Error(`Cannot start kcat (Debian package "kcat") for the Kafka test broker: ${error.message}`)),
    );
    child.once('exit', (code) => fail(new Error(`kcat exited with code ${code}: ${output}`)));
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /replaced with (\S+)/.exec(output) ?? /bootstrap\.servers=(\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      // Keep draining stderr so the broker never blocks on a full pipe.
      child.stderr!.removeAllListeners('data');
      child.stderr!.resume();
      resolve(match[1].split(','));
    });
  });
}
