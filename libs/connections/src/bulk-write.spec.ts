import { INSERTS_IN_FLIGHT, insertInChunks } from './bulk-write';

describe(insertInChunks.name, () => {
  it('inserts every document once, in chunks, at most INSERTS_IN_FLIGHT at a time', async () => {
    const seen: number[] = [];
    let inFlight = 0;
    let most = 0;
    await insertInChunks(
      Array.from({ length: 1003 }, (_, i) => i),
      async (chunk) => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        seen.push(...chunk);
        inFlight--;
      },
      100,
    );
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 1003 }, (_, i) => i));
    expect(most).toBe(INSERTS_IN_FLIGHT);
  });

  it('rejects with the failure after the other command in flight has ended', async () => {
    let ended = 0;
    const failure = new Error('insert failed');
    await expect(
      insertInChunks(
        [1, 2, 3, 4],
        async (chunk) => {
          await new Promise((resolve) => setTimeout(resolve, chunk[0] === 1 ? 1 : 5));
          ended++;
          if (chunk[0] === 1) throw failure;
        },
        1,
      ),
    ).rejects.toBe(failure);
    expect(ended).toBe(2);
  });
});
