import { SystemHarness } from '../system.harness';

describe('the gateway is the data plane only', () => {
  const system = new SystemHarness();

  beforeAll(() => system.start());
  afterAll(() => system.stop());

  it.each([
    '/panel',
    '/panel/assets/panel.js',
    '/panel/api/session',
    '/operator/api/accounts/acc_none',
    '/docs',
    '/docs-json',
  ])('answers 404 for %s on the gateway; the Panel app serves it', async (path) => {
    const onGateway = await system.call(path, {}, system.gateways[0]);
    expect(onGateway.status).toBe(404);
    const onPanel = await system.call(path, {}, system.panel);
    expect(onPanel.status).not.toBe(404);
  });

  it('answers 404 for /api/* and /metrics on the Panel app', async () => {
    expect((await system.call('/api/auth-context', {}, system.panel)).status).toBe(404);
    expect((await system.call('/api/v1/content/product', {}, system.panel)).status).toBe(404);
    expect((await system.call('/metrics', {}, system.panel)).status).toBe(404);
  });

  it('parses no request body on the gateway: a JSON body to /health is not read', async () => {
    const answer = await system.call(
      '/health',
      { headers: { 'content-type': 'application/json' }, body: undefined },
      system.gateways[0],
    );
    expect(answer.status).toBe(200);
    expect(answer.body.service).toBe('gateway');
    expect((await system.call('/health', {}, system.panel)).body.service).toBe('panel');
  });
});
