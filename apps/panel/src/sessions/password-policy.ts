import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { ValidationError } from '@keygate/contracts';

/** What a Panel password must be, as the page and the API docs state it. */
export const PASSWORD_RULES =
  'at least 10 characters, and hard to guess: no common password, name, date or keyboard pattern (a few unusual words do well)';
export const PASSWORD_MIN_LENGTH = 10;
/** zxcvbn's scale: 3 is "safely unguessable" (about 10^8 guesses or more). */
const MIN_SCORE = 3;

zxcvbnOptions.setOptions({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
});

/**
 * Refuses a new password (sign-up, a new user, a change, a reset) that is too short or that
 * zxcvbn (@zxcvbn-ts, with its common-password and English dictionaries) scores below 3,
 * counting the user's email and account name as guessable: a 400 on `field` with zxcvbn's reason,
 * which the page shows.
 */
export function assertStrongPassword(
  password: string,
  knownToOthers: string[],
  field = 'password',
): void {
  if (password.length < PASSWORD_MIN_LENGTH)
    throw ValidationError.of(field, `must be at least ${PASSWORD_MIN_LENGTH} characters`);
  const { score, feedback } = zxcvbn(password, knownToOthers.filter(Boolean));
  if (score < MIN_SCORE) {
    const why = [feedback.warning, ...feedback.suggestions].filter(Boolean).join(' ');
    throw ValidationError.of(field, `is too easy to guess${why ? `: ${why}` : ''}`);
  }
}
