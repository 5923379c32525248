import { SystemHarness, withKey } from '../system.harness';

/**
 * The admission step runs in Redis, but its reply can be lost: here Redis holds the script past
 * the gateway's 500 ms command timeout (CLIENT PAUSE WRITE), then runs it. The gateway has
 * admitted the call fail-open and buffered it for replay; the replay must see that the step ran.
 */
describe('an admission step whose reply was lost', () => {
  const system = new SystemHarness();
  afterAll(() => system.stop());

  it('is counted once, not once by the step and again by the replay', async () => {
    await system.start(1);
    const opened = await system.openAccount('Lost reply');
    await system.gatewaysCaughtUp();
    const secret = opened.applicationKeys[0].secret;
    const before = await system.remainingCalls(secret);

    await system.redis.call('CLIENT', 'PAUSE', '1500', 'WRITE');
    const started = Date.now();
    const answer = await system.call('/api/v1/content/product', { headers: withKey(secret) });
    expect(answer.status).toBe(200); // fail-open after the 500 ms timeout
    expect(Date.now() - started).toBeLessThan(1500);

    // The pause ends, the held step runs, and the gateway's replay (every 500 ms) follows it.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const after = await system.remainingCalls(secret);
    expect(before - after).toBe(2); // the call whose reply was lost, and this read
  });
});
