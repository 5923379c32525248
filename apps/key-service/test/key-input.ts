/**
 * What a new user key is given beyond its name and account (a product reader with no limits,
 * metadata or credits): shared by the specs that create or import keys, so a new key field is
 * added here once.
 */
export const plainKeyInput = {
  type: 'standard' as const,
  environment: 'live' as const,
  rules: [{ resource: 'product', actions: ['read' as const] }],
  expiresAt: null,
  allowedHosts: [],
  rateLimits: [],
  meta: {},
  credits: null,
};
