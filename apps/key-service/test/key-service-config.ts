import { DEFAULT_PLANS, KeyServiceConfig } from '@keygate/config';

/** The key service's settings a command handler's unit spec reads. */
export const unitSpecConfig = {
  plans: DEFAULT_PLANS,
  defaultPlan: 'starter',
  keyPrefix: 'kg',
  keyPepper: Buffer.from('unit-spec-pepper-unit-spec-pepper'),
  redisNamespace: 'kg-unit',
} as unknown as KeyServiceConfig;
