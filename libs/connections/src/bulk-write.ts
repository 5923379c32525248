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
