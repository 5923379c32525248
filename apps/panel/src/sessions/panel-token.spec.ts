import { CHALLENGE_TOKENS, RESET_TOKENS, SESSION_TOKENS, storedNameOf } from './panel-token';

describe('Panel tokens', () => {
  it('mints tokens of its own kind only, 256 random bits each', () => {
    const kinds = [SESSION_TOKENS, RESET_TOKENS, CHALLENGE_TOKENS];
    for (const kind of kinds) {
      const token = kind.mint();
      expect(token).toMatch(new RegExp(`^${kind.prefix}[A-Za-z0-9_-]{43}$`));
      expect(kind.mint()).not.toBe(token);
      for (const other of kinds) expect(other.isWellFormed(token)).toBe(other === kind);
    }
    expect(SESSION_TOKENS.isWellFormed(`${SESSION_TOKENS.mint()}x`)).toBe(false);
    expect(SESSION_TOKENS.isWellFormed('kgs_short')).toBe(false);
  });

  it('is kept under its SHA-256, which holds nothing of the token', () => {
    const token = RESET_TOKENS.mint();
    expect(storedNameOf(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(storedNameOf(token)).not.toContain(token.slice(4, 12));
    expect(storedNameOf(token)).toBe(storedNameOf(token));
  });
});
