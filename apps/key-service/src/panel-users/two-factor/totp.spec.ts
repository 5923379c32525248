import { Secret, TOTP } from 'otpauth';
import { TotpSecretBox } from './totp-secret-box';
import { newRecoveryCodes, newTotpSecret, recoveryCodeHash, stepOfCode } from './totp';

const NOW = Date.parse('2026-12-06T12:00:00.000Z');
const codeAt = (secret: string, ms: number) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: ms });

describe('TOTP second factor', () => {
  it('makes a secret an authenticator app can scan', () => {
    const { secret, otpauthUrl } = newTotpSecret('me@acme.example');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toBe(
      `otpauth://totp/Keygate:me%40acme.example?issuer=Keygate&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
    );
  });

  it('takes the code of now and of the steps around it, naming the step, and nothing else', () => {
    const { secret } = newTotpSecret('a@b.c');
    const step = Math.floor(NOW / 30_000);
    expect(stepOfCode(secret, codeAt(secret, NOW), NOW)).toBe(step);
    expect(stepOfCode(secret, codeAt(secret, NOW - 30_000), NOW)).toBe(step - 1);
    expect(stepOfCode(secret, codeAt(secret, NOW + 30_000), NOW)).toBe(step + 1);
    expect(stepOfCode(secret, codeAt(secret, NOW - 90_000), NOW)).toBeNull();
    expect(stepOfCode(secret, 'abcdef', NOW)).toBeNull();
  });

  it('makes ten distinct recovery codes, stored by hash', () => {
    const { codes, hashes } = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-v]{5}-[0-9a-v]{5}$/);
    expect(hashes[0]).toBe(recoveryCodeHash(` ${codes[0].toUpperCase()} `));
  });

  it('seals a secret so that only the same pepper opens it', () => {
    const box = new TotpSecretBox(Buffer.from('a pepper of enough length for hkdf'));
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(() =>
      new TotpSecretBox(Buffer.from('another pepper, not the same')).open(sealed),
    ).toThrow();
  });
});
