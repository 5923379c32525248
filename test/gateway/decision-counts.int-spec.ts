import { waitFor } from '@keygate/testing';
import { dayIndexOf } from '@keygate/usage';
import { PanelClient } from '../panel/panel.client';
import { SystemHarness, withKey } from '../system.harness';

const PRODUCTS = '/api/v1/content/product';
const CALLS = 1_000;
const REFUSED_EVERY = 50;

interface Counted {
  resource: string | null;
  action: string | null;
  outcome: string;
  calls: number;
}

/** Every admitted call counted per key × resource × action × minute, agreeing with the ledger. */
describe('the decision log’s counts', () => {
  const system = new SystemHarness({}, { usageService: true });

  beforeAll(() => system.start(2));
  afterAll(() => system.stop());

  it('counts 1,000 calls on two gateways per minute exactly as the quota ledger, refusals apart', async () => {
    const { client } = await PanelClient.signup(system, 'Counts Co');
    const created = await client.post('/keys', {
      name: 'reader',
      rules: [
        { resource: 'product', actions: ['read'] },
        { resource: 'blogpost', actions: ['read'] },
      ],
    });
    const { id: keyId, accountId } = created.body.key as { id: string; accountId: string };
    await system.gatewaysCaughtUp();
    const headers = { ...withKey(created.body.secret), 'content-type': 'application/json' };

    const statuses: number[] = [];
    for (let start = 0; start < CALLS; start += 25)
      statuses.push(
        ...(await Promise.all(
          Array.from({ length: 25 }, async (_, j) => {
            const i = start + j;
            const refused = i % REFUSED_EVERY === 0; // a create the key may not make: 403
            const answer = await system.call(
              PRODUCTS,
              refused ? { method: 'POST', headers, body: '{}' } : { headers },
              system.gateways[i % 2],
            );
            return answer.status;
          }),
        )),
      );
    const refusedCalls = CALLS / REFUSED_EVERY;
    expect(statuses.filter((s) => s === 403)).toHaveLength(refusedCalls);
    expect(statuses.filter((s) => s === 200)).toHaveLength(CALLS - refusedCalls);

    // The ledger's count of the key (the quota counts the same calls).
    const today = dayIndexOf(Date.now());
    let inLedger = 0;
    for (const day of [today - 1, today])
      inLedger += (await system.ledger().windowCounts(accountId, day, keyId)).get(day) ?? 0;
    expect(inLedger).toBe(CALLS - refusedCalls);

    // Minute by minute, a page at a time: the same sum.
    let perMinute = 0;
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `outcome=admitted&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await client.get(`/keys/${keyId}/decisions?${query}`);
      expect(page.status).toBe(200);
      for (const minute of page.body.decisions as Array<{ calls: number; resource: string }>) {
        expect(minute).toMatchObject({ outcome: 'admitted', resource: 'product', action: 'read' });
        perMinute += minute.calls;
      }
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(perMinute).toBe(inLedger);

    // The summary: per resource × action × outcome, once every refusal is stored.
    let summary: { total: number; admitted: number; refused: number; counts: Counted[] };
    await waitFor(
      async () => {
        summary = (await client.get(`/keys/${keyId}/decisions/summary`)).body;
        return summary.refused === refusedCalls;
      },
      10_000,
      50,
    );
    expect(summary!).toMatchObject({ total: CALLS, admitted: inLedger, refused: refusedCalls });
    expect(summary!.counts).toEqual([
      { resource: 'product', action: 'read', outcome: 'admitted', calls: inLedger },
      { resource: 'product', action: 'create', outcome: 'refused', calls: refusedCalls },
    ]);
    // The refusals are listed with the admitted minutes, newest first, each with its outcome.
    const all = await client.get(`/keys/${keyId}/decisions?limit=200`);
    const outcomes = (all.body.decisions as Array<{ outcome: string }>).map((d) => d.outcome);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(refusedCalls);
    expect(outcomes.filter((o) => o === 'admitted').length).toBeGreaterThanOrEqual(1);

    // A span in the future holds nothing; a span the wrong way round is a 400.
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const empty = await client.get(
      `/keys/${keyId}/decisions/summary?from=${encodeURIComponent(later)}`,
    );
    expect(empty.status).toBe(400); // from after the default to (now)
    const future = new Date(Date.now() + 7_200_000).toISOString();
    const none = await client.get(
      `/keys/${keyId}/decisions/summary?from=${encodeURIComponent(later)}&to=${encodeURIComponent(future)}`,
    );
    expect(none.body).toMatchObject({ total: 0, counts: [] });

    // Least privilege: it holds product and blogpost reads and only read products.
    const advice = await client.get(`/keys/${keyId}/advice`);
    expect(advice.status).toBe(200);
    expect(advice.body).toMatchObject({
      keyId,
      calls: inLedger,
      used: [{ resource: 'product', action: 'read', calls: inLedger }],
      unused: [{ resource: 'blogpost', action: 'read' }],
      suggestedRules: [{ resource: 'product', actions: ['read'] }],
      offered: true,
    });
    // Apply: an ordinary key update; then nothing is left to advise.
    const applied = await client.patch(`/keys/${keyId}`, { rules: advice.body.suggestedRules });
    expect(applied.status).toBe(200);
    expect(applied.body.key.rules).toEqual([{ resource: 'product', actions: ['read'] }]);
    expect((await client.get(`/keys/${keyId}/advice`)).body).toMatchObject({
      offered: false,
      reason: 'no_unused_permissions',
      suggestedRules: null,
    });
    expect((await client.get('/keys/key_nope/advice')).status).toBe(404);
  });
});
