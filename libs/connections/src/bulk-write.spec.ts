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
        await new Promise(setImmediate); // the others start before this one ends
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
    let releaseSecond!: () => void;
    const secondMayEnd = new Promise<void>((release) => (releaseSecond = release));
    const run = insertInChunks(
      [1, 2, 3, 4],
      async (chunk) => {
        if (chunk[0] === 1) {
          ended++;
          throw failure;
        }
        await secondMayEnd;
        ended++;
      },
      1,
    );
    let settled = false;
    void run.catch(() => undefined).finally(() => (settled = true));
    await new Promise(setImmediate); // the first chunk has failed by now
    expect(settled).toBe(false);
    releaseSecond();
    await expect(run).rejects.toBe(failure);
    expect(ended).toBe(2);
  });
});
