import { GatewayMetrics, AUTH_TIMING_SAMPLE } from './gateway.metrics';
import { ProjectionService } from '../projection/projection.service';

const projection = { projection: { keyCount: 0 }, lagMs: null } as unknown as ProjectionService;

describe(GatewayMetrics.name, () => {
  it('counts forwarded calls exactly, folded into the counter when it is read', async () => {
    const metrics = new GatewayMetrics(projection);
    for (let i = 0; i < 5; i++) metrics.countForwarded();
    metrics.requests.inc({ outcome: 'FORBIDDEN' });
    const forwarded = 'keygate_gateway_requests_total{outcome="forwarded"}';
    expect(await metrics.registry.metrics()).toContain(`${forwarded} 5`);
    // Read again with nothing new: still 5, not 10; then 2 more.
    expect(await metrics.registry.metrics()).toContain(`${forwarded} 5`);
    metrics.countForwarded();
    metrics.countForwarded();
    const text = await metrics.registry.metrics();
    expect(text).toContain(`${forwarded} 7`);
    expect(text).toContain('keygate_gateway_requests_total{outcome="FORBIDDEN"} 1');
  });

  it('times one verification in AUTH_TIMING_SAMPLE', () => {
    const metrics = new GatewayMetrics(projection);
    const timed = Array.from({ length: AUTH_TIMING_SAMPLE * 3 }, () => metrics.timesThisCall());
    expect(timed.filter(Boolean)).toHaveLength(3);
  });
});
