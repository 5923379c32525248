import { ValidationError } from '@keygate/contracts';
import { assertStrongPassword } from './password-policy';

const refusal = (password: string, known: string[] = []) => {
  try {
    assertStrongPassword(password, known);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields![0];
  }
};

describe(assertStrongPassword.name, () => {
  it('takes a passphrase of unusual words', () => {
    expect(refusal('correct horse battery')).toBeNull();
    expect(refusal('violet lantern orbit')).toBeNull();
  });

  it('refuses a short, common or patterned password, saying why', () => {
    expect(refusal('Abc12345!')).toEqual({
      field: 'password',
      message: 'must be at least 10 characters',
    });
    expect(refusal('password123')?.message).toMatch(/^is too easy to guess: This is a commonly/);
    expect(refusal('qwertyuiopas')?.message).toMatch(/^is too easy to guess/);
  });

  it('counts the user’s own email and account name as guessable', () => {
    expect(refusal('acmebooks2026')).toBeNull();
    expect(refusal('acmebooks2026', ['owner@acmebooks.example', 'acmebooks2026'])).not.toBeNull();
  });
});
