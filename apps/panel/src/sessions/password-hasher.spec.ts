import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  it('verifies the password it hashed, and nothing else', async () => {
    const hash = await PasswordHasher.hash('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain('correct horse');
    await expect(PasswordHasher.verify('correct horse battery staple', hash)).resolves.toBe(true);
    await expect(PasswordHasher.verify('correct horse battery stapler', hash)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await PasswordHasher.hash('same')).not.toBe(await PasswordHasher.hash('same'));
  });

  it('answers false for a malformed hash instead of throwing', async () => {
    await expect(PasswordHasher.verify('x', 'not-a-hash')).resolves.toBe(false);
  });
});
