import { createHash, randomBytes } from 'node:crypto';

/**
 * One kind of Panel token (a session `kgs_`, a password reset link `kgr_`, a login challenge
 * `kgc_`): its prefix and 256 random bits in base64url. Redis keeps each only under its SHA-256
 * (storedNameOf), so a copy of Redis holds no token that works.
 */
export class PanelTokenKind {
  /** The token's whole shape, for request validation too (panel.schemas.ts). */
  readonly format: RegExp;

  constructor(readonly prefix: string) {
    this.format = new RegExp(`^${prefix}[A-Za-z0-9_-]{43}$`);
  }

  mint(): string {
    return `${this.prefix}${randomBytes(32).toString('base64url')}`;
  }

  /** Could be a token of this kind: anything else is turned away before Redis is asked. */
  isWellFormed(token: string): boolean {
    return this.format.test(token);
  }
}

export const SESSION_TOKENS = new PanelTokenKind('kgs_');
export const RESET_TOKENS = new PanelTokenKind('kgr_');
export const CHALLENGE_TOKENS = new PanelTokenKind('kgc_');

/** What a token is kept under in Redis: its SHA-256, in hex. */
export const storedNameOf = (token: string): string =>
  createHash('sha256').update(token).digest('hex');
