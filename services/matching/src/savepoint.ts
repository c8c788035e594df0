import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';

/**
 * Runs work inside a savepoint of the open transaction: if it fails (say, a unique index refuses a
 * second live offer), only its own writes are undone and the transaction goes on, so an automatic
 * proposal can try the next household instead of failing the whole event or job.
 */
export async function inSavepoint<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
  const name = `sp_${randomBytes(6).toString('hex')}`;
  await manager.query(`SAVEPOINT ${name}`);
  try {
    const result = await work();
    await manager.query(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await manager.query(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
}
