import { randomBytes } from 'node:crypto';

/** A new signing secret as Standard Webhooks has it: `whsec_` and 24 random bytes in base64. */
export const newSigningSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

/** How long a replaced secret still signs (a second signature), so receivers can switch over. */
export const ROTATION_GRACE_MS = 24 * 3_600_000;
