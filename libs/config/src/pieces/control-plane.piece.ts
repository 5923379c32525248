import { z } from 'zod';
import { byteLimit, configPiece, portNumber, publicAddress, urlWith } from './config-piece';

export interface ControlPlaneConfig {
  /** X-Operator-Token of the Operator API; unset: the Operator API answers 404. */
  operatorToken: string | null;
  leaks: {
    /** What a reported leak does to the key: revoke it (default), or record and notify only. */
    action: 'revoke' | 'quarantine' | 'notify';
    /** Where GitHub's secret scanning public keys are read from. */
    githubKeysUrl: string;
  };
  http: {
    /** Largest Panel API body, and the Operator API's key import (up to 5,000 keys). */
    panelBodyLimitBytes: number;
    operatorImportBodyLimitBytes: number;
  };
  panel: {
    /** The Panel app's port (Panel page and API, Operator API, /docs). */
    port: number;
    /** Where users reach the Panel; https here makes the session cookie Secure. */
    publicUrl: string;
    /** How long a panel session lasts after login. */
    sessionTtlSeconds: number;
    /** Failed logins allowed per email, and per client IP, in each window. */
    loginLimitPerEmail: number;
    loginLimitPerIp: number;
    loginWindowSeconds: number;
    /** Logins for one email checked at once, from anywhere; more are 429 until one ends. */
    loginInFlightPerEmail: number;
    /** Sign-ups allowed per client IP in each window. */
    signupLimitPerIp: number;
    signupWindowSeconds: number;
  };
}

const count = (defaultValue: number) => z.coerce.number().int().min(1).default(defaultValue);

/** The Panel app: its port and address, sessions, login and sign-up throttles, the Operator API. */
export const controlPlanePiece = configPiece({
  env: {
    OPERATOR_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    PANEL_PORT: portNumber.default(3001),
    PANEL_PUBLIC_URL: urlWith(['http:', 'https:']).optional(),
    PANEL_SESSION_TTL_SECONDS: count(12 * 3600),
    PANEL_LOGIN_LIMIT: count(5),
    PANEL_LOGIN_IP_LIMIT: count(30),
    PANEL_LOGIN_WINDOW_SECONDS: count(900),
    PANEL_LOGIN_IN_FLIGHT_LIMIT: count(2),
    PANEL_SIGNUP_LIMIT: count(10),
    PANEL_SIGNUP_WINDOW_SECONDS: count(3600),
    PANEL_BODY_LIMIT_BYTES: byteLimit(64 * 1024),
    OPERATOR_IMPORT_BODY_LIMIT_BYTES: byteLimit(8 * 1024 * 1024),
    LEAK_ACTION: z.enum(['revoke', 'quarantine', 'notify']).default('revoke'),
    GITHUB_SECRET_SCANNING_KEYS_URL: urlWith(['http:', 'https:']).default(
      'https://api.github.com/meta/public_keys/secret_scanning',
    ),
  },
  build: (e): ControlPlaneConfig => ({
    operatorToken: e.OPERATOR_TOKEN ?? null,
    leaks: { action: e.LEAK_ACTION, githubKeysUrl: e.GITHUB_SECRET_SCANNING_KEYS_URL },
    http: {
      panelBodyLimitBytes: e.PANEL_BODY_LIMIT_BYTES,
      operatorImportBodyLimitBytes: e.OPERATOR_IMPORT_BODY_LIMIT_BYTES,
    },
    panel: {
      port: e.PANEL_PORT,
      publicUrl: publicAddress(e.PANEL_PUBLIC_URL, e.PANEL_PORT),
      sessionTtlSeconds: e.PANEL_SESSION_TTL_SECONDS,
      loginLimitPerEmail: e.PANEL_LOGIN_LIMIT,
      loginLimitPerIp: e.PANEL_LOGIN_IP_LIMIT,
      loginWindowSeconds: e.PANEL_LOGIN_WINDOW_SECONDS,
      loginInFlightPerEmail: e.PANEL_LOGIN_IN_FLIGHT_LIMIT,
      signupLimitPerIp: e.PANEL_SIGNUP_LIMIT,
      signupWindowSeconds: e.PANEL_SIGNUP_WINDOW_SECONDS,
    },
  }),
});
