import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './keygate-config';
import { DEFAULT_PLANS } from './plans';

const dataDir = () => mkdtempSync(join(tmpdir(), 'kg-config-'));

describe('loadConfig', () => {
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
    try {
      loadConfig({
        PORT: 'abc',
        REDIS_URL: 'http://x',
        KEY_PREFIX: 'Bad!',
        KEYGATE_PLANS: '{nope',
        KEYGATE_DATA_DIR: dataDir(),
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const text = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'REDIS_URL', 'KEY_PREFIX', 'KEYGATE_PLANS'])
        expect(text).toContain(name);
    }
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
    expect(config.plans).toEqual(plans);
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
