import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadGatewayConfig as loadConfig,
  loadKeyServiceConfig,
  loadPanelConfig,
  loadUsageServiceConfig,
} from './app-configs';
import { ConfigError } from './compose-config';
import { processConfig } from './config.module';
import { DEFAULT_PLANS } from './plans';

const dataDir = () => mkdtempSync(join(tmpdir(), 'kg-config-'));

describe('an app’s configuration (the gateway’s here)', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({ KEYGATE_DATA_DIR: dataDir() });
    expect(config.port).toBe(3000);
    expect(config.keyPrefix).toBe('kg');
    expect(config.defaultPlan).toBe('starter');
    expect(config.plans).toEqual(DEFAULT_PLANS);
    expect(config.keyPepper.length).toBeGreaterThanOrEqual(32);
  });

  it('keeps one local pepper across loads of the same data folder', () => {
    const dir = dataDir();
    expect(
      loadConfig({ KEYGATE_DATA_DIR: dir }).keyPepper.equals(
        loadConfig({ KEYGATE_DATA_DIR: dir }).keyPepper,
      ),
    ).toBe(true);
  });

  it('names every bad variable at once', () => {
    let failure: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        REDIS_URL: 'http://x',
        KEY_PREFIX: 'Bad!',
        KEYGATE_PLANS: '{nope',
        KEYGATE_DATA_DIR: dataDir(),
      });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ConfigError);
    const text = (failure as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'REDIS_URL', 'KEY_PREFIX', 'KEYGATE_PLANS'])
      expect(text).toContain(name);
  });

  it('requires KEY_PEPPER in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', KEYGATE_DATA_DIR: dataDir() })).toThrow(
      /KEY_PEPPER/,
    );
  });

  it('replaces the plan table with KEYGATE_PLANS and checks the default plan exists', () => {
    const plans = { basic: { apiAccess: true, callLimit: 10, maxUserKeys: 1 } };
    const config = loadConfig({
      KEYGATE_PLANS: JSON.stringify(plans),
      KEYGATE_DEFAULT_PLAN: 'basic',
      KEYGATE_DATA_DIR: dataDir(),
    });
    // A plan without testCallLimit gets 1,000 test calls per 30 days.
    expect(config.plans).toEqual({ basic: { ...plans.basic, testCallLimit: 1_000 } });
    expect(() =>
      loadConfig({ KEYGATE_PLANS: JSON.stringify(plans), KEYGATE_DATA_DIR: dataDir() }),
    ).toThrow(/KEYGATE_DEFAULT_PLAN/);
  });

  it('rejects a plan with a negative limit', () => {
    const plans = { basic: { apiAccess: true, callLimit: -1, maxUserKeys: 1 } };
    expect(() =>
      loadConfig({ KEYGATE_PLANS: JSON.stringify(plans), KEYGATE_DATA_DIR: dataDir() }),
    ).toThrow(/KEYGATE_PLANS/);
  });
});

describe('configuration per app', () => {
  it('reads only the variables of the app’s own pieces', () => {
    const env = { UPSTREAM_URL: 'not a url', PANEL_PORT: 'abc', KEYGATE_DATA_DIR: dataDir() };
    const problemsOf = (load: (e: Record<string, string>) => unknown) => {
      try {
        load(env);
        return '';
      } catch (error) {
        return (error as ConfigError).problems.join('\n');
      }
    };
    expect(problemsOf(loadConfig)).toMatch(/^UPSTREAM_URL: must be/);
    expect(problemsOf(loadConfig)).not.toMatch(/PANEL_PORT/);
    expect(problemsOf(loadPanelConfig)).toMatch(/^PANEL_PORT:/);
    expect(problemsOf(loadPanelConfig)).not.toMatch(/UPSTREAM_URL/);
    expect(problemsOf(loadUsageServiceConfig)).toBe('');
  });

  it('asks for KEY_PEPPER in production only of the apps that hash secrets', () => {
    const production = { NODE_ENV: 'production', KEYGATE_DATA_DIR: dataDir() };
    expect(() => loadKeyServiceConfig(production)).toThrow(/KEY_PEPPER/);
    expect(() => loadConfig(production)).toThrow(/KEY_PEPPER/);
    expect('keyPepper' in loadPanelConfig(production)).toBe(false);
    expect('keyPepper' in loadUsageServiceConfig(production)).toBe(false);
  });

  it('merges a section two pieces fill', () => {
    const { http } = loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '2000', KEYGATE_DATA_DIR: dataDir() });
    expect(http).toEqual({
      headersTimeoutMs: 2000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 72_000,
      apiBodyLimitBytes: 10 * 1024 * 1024,
      graphqlBodyLimitBytes: 1024 * 1024,
    });
    expect(loadPanelConfig({}).http).toMatchObject({
      headersTimeoutMs: 10_000,
      panelBodyLimitBytes: 65_536,
    });
  });

  it('is read from the process environment once per app', () => {
    expect(processConfig(loadUsageServiceConfig)).toBe(processConfig(loadUsageServiceConfig));
  });
});

describe('Redis behind Sentinel', () => {
  it('points every app at the master REDIS_SENTINELS names, with REDIS_URL’s credentials and db', () => {
    const config = loadUsageServiceConfig({
      REDIS_URL: 'redis://:pw@127.0.0.1:6379/3',
      REDIS_SENTINELS: 'a:26379,b:26379',
      REDIS_SENTINEL_NAME: 'main',
    });
    expect(config.redisUrl).toBe('redis-sentinel://:pw@a:26379,b:26379/main/3');
    expect(loadUsageServiceConfig({ REDIS_SENTINELS: 'a:26379' }).redisUrl).toBe(
      'redis-sentinel://a:26379/keygate',
    );
  });

  it('names a bad sentinel list', () => {
    expect(() => loadUsageServiceConfig({ REDIS_SENTINELS: 'a:26379;b' })).toThrow(
      /REDIS_SENTINELS/,
    );
  });
});

describe('Redis Cluster', () => {
  it('points every app at the Cluster REDIS_CLUSTER_NODES names, with REDIS_URL’s credentials and TLS', () => {
    const config = loadUsageServiceConfig({
      REDIS_URL: 'rediss://app:pw@127.0.0.1:6380',
      REDIS_CLUSTER_NODES: 'a:7000,b:7001',
    });
    expect(config.redisUrl).toBe('rediss-cluster://app:pw@a:7000,b:7001');
    expect(loadUsageServiceConfig({ REDIS_URL: 'redis-cluster://a:7000' }).redisUrl).toBe(
      'redis-cluster://a:7000',
    );
  });

  it('names what a Cluster cannot take: another database, an untagged queue prefix, Sentinel too', () => {
    const load = (env: Record<string, string>) => () =>
      loadUsageServiceConfig({ REDIS_CLUSTER_NODES: 'a:7000', ...env });
    expect(load({ REDIS_URL: 'redis://127.0.0.1:6379/2' })).toThrow(/database 0 only/);
    expect(load({ KEYGATE_QUEUE_PREFIX: 'bull' })).toThrow(/KEYGATE_QUEUE_PREFIX.*hash tag/);
    expect(load({ REDIS_SENTINELS: 's:26379' })).toThrow(/not both/);
    expect(() => loadUsageServiceConfig({ REDIS_CLUSTER_NODES: 'a:7000;b' })).toThrow(
      /REDIS_CLUSTER_NODES/,
    );
  });
});
