import { KeyStatus } from '@keygate/contracts';

/** Revoked beats expired; a key also reads as expired once `expiresAt` has passed, event or not. */
export function keyStatusAt(
  key: { revoked: boolean; expired: boolean; expiresAt: string | null },
  now: Date,
): KeyStatus {
  if (key.revoked) return 'revoked';
  if (key.expired || (key.expiresAt !== null && Date.parse(key.expiresAt) <= now.getTime()))
    return 'expired';
  return 'active';
}
