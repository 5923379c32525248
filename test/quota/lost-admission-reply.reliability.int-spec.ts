import { waitFor } from '@keygate/testing';
import { dayIndexOf } from '@keygate/usage';
import { QuotaAdmission } from '../../apps/gateway/src/quota/quota-admission';
import { SystemHarness, withKey } from '../system.harness';

/**
 * The admission step runs in Redis, but its reply can be lost: here Redis holds the script past
 * the gateway's 500 ms command timeout (CLIENT PAUSE WRITE), then runs it when the spec says. The gateway has
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
    const total = () => system.ledger().windowTotal(opened.account.id, dayIndexOf(Date.now()));
    const before = await total();
    const admission = system.gateways[0].app.get(QuotaAdmission);

    // Redis takes the step and holds it until the spec lets it go (reads still answer).
    await system.redis.call('CLIENT', 'PAUSE', '60000', 'WRITE');
    try {
      const answer = await system.call('/api/v1/content/product', { headers: withKey(secret) });
      expect(answer.status).toBe(200); // fail-open after the 500 ms command timeout
      // Answered while Redis still held the step: nothing counted yet, the step buffered.
      expect(admission.bufferedSteps).toBe(1);
      expect(await total()).toBe(before);
    } finally {
      await system.redis.call('CLIENT', 'UNPAUSE');
    }

    // The held step runs, and the gateway's replay (every 500 ms) finds that it ran.
    await waitFor(() => admission.bufferedSteps === 0, 10_000);
    expect(await total()).toBe(before + 1);
  });
});
