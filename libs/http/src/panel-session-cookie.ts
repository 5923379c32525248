/**
 * The Panel's session cookie. The Panel sets it; the gateway removes it from every call it
 * forwards, should a browser ever send it there.
 */
export const SESSION_COOKIE = 'kg_session';
