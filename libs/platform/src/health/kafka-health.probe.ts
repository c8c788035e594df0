/** Provided by the messaging lib under KAFKA_HEALTH_PROBE; without it /health skips Kafka. */
export interface KafkaHealthProbe {
  isHealthy(): Promise<boolean>;
}

export const KAFKA_HEALTH_PROBE = Symbol('KAFKA_HEALTH_PROBE');
