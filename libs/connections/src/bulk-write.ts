import { Model } from 'mongoose';

/**
 * FerretDB (the Mongo-wire server of the tests) holds one PostgreSQL connection per statement of a
 * write command until the whole command ends; a bulk write of more statements than its pool holds
 * (about 50) that touch existing documents waits forever. Sending statements in small commands
 * keeps every Mongo-wire server safe, and costs MongoDB almost nothing.
 */
export const BULK_WRITE_CHUNK = 16;

export async function bulkWriteInChunks<T>(
  model: Model<T>,
  operations: Parameters<Model<T>['bulkWrite']>[0],
  chunkSize = BULK_WRITE_CHUNK,
): Promise<void> {
  for (let start = 0; start < operations.length; start += chunkSize)
    await model.bulkWrite(operations.slice(start, start + chunkSize), { ordered: false });
}

/** Two insert commands in flight: a Mongo-wire server works on one while the other travels. */
export const INSERTS_IN_FLIGHT = 2;
export const INSERT_CHUNK = 500;

/**
 * Inserts new documents in commands of `chunkSize`, `INSERTS_IN_FLIGHT` at a time (new documents
 * only: see BULK_WRITE_CHUNK for writes that touch existing ones). After a failure nothing more is
 * sent; rejects with it once every command sent has ended.
 */
export async function insertInChunks<D>(
  documents: D[],
  insert: (chunk: D[]) => Promise<void>,
  chunkSize = INSERT_CHUNK,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < documents.length && !failed) {
      const start = next;
      next += chunkSize;
      await insert(documents.slice(start, start + chunkSize)).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  const results = await Promise.allSettled(
    Array.from({ length: INSERTS_IN_FLIGHT }, () => worker()),
  );
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}
