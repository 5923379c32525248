import {
  ForbiddenError,
  KeyRecord,
  previousSecretValidAt,
  recordStatusAt,
  refusedFor,
  UnauthorizedError,
} from '@keygate/contracts';
import { hash } from 'node:crypto';
import { PlanTable } from '@keygate/config';
import { hasValidFormat, looksLikeKeygateSecret, secretHashBytes } from '@keygate/key-secret';
import { KeyProjection } from '../projection/key-projection';
import { IpMatcher } from '@keygate/http';

// What an imported secret may look like (see importedKeySchema).
const FOREIGN_SECRET = /^[\x21-\x7e]{16,512}$/;
/** Secrets of held keys whose HMAC is remembered, at most (past it the memory starts again). */
const REMEMBERED_HMACS = 100_000;

export interface Principal {
  key: KeyRecord;
  account: { id: string; name: string; plan: string };
}

export interface VerifierSettings {
  keyPrefix: string;
  keyPepper: Buffer;
  plans: PlanTable;
}

/**
 * Decides whether a presented key may call at all, using only memory: format (and checksum),
 * HMAC, lookup, status, expiry, allowed hosts, plan access. Messages never contain the key.
 */
export class KeyVerifier {
  private readonly hostMatchers = new WeakMap<string[], IpMatcher>();
  // A key's HMAC by its secret's SHA-256: a one-shot hash costs a tenth of an HMAC (which builds
  // a keyed context per call), and keys call again and again. Only secrets that matched a held
  // key are remembered, so unknown tokens cannot fill it; never the secret itself.
  private readonly hmacs = new Map<string, string>();

  constructor(
    private readonly projection: KeyProjection,
    private readonly settings: VerifierSettings,
  ) {}

  verify(token: string, clientIp: string, now: Date): Principal {
    // Keygate's own secrets are checked for their checksum before any HMAC; an imported key's
    // secret (made by Kong, Tyk, a key table) only for its shape.
    if (
      looksLikeKeygateSecret(token, this.settings.keyPrefix)
        ? !hasValidFormat(token, this.settings.keyPrefix)
        : !FOREIGN_SECRET.test(token)
    )
      throw new UnauthorizedError('Malformed API key', 'malformed');
    // The map is keyed by an HMAC of the token, so lookup timing says nothing about the secret.
    const digest = hash('sha256', token, 'binary');
    const remembered = this.hmacs.get(digest);
    const hmac = remembered ?? secretHashBytes(token, this.settings.keyPepper);
    const match = this.projection.findByHashBytes(hmac);
    if (!match) throw new UnauthorizedError('Unknown API key', 'unknown');
    if (remembered === undefined) {
      if (this.hmacs.size >= REMEMBERED_HMACS) this.hmacs.clear();
      this.hmacs.set(digest, hmac);
    }
    const { key } = match;
    try {
      return this.principalOf(key, match.viaPreviousSecret, clientIp, now);
    } catch (error) {
      // The decision log names the key it refused.
      const detail = error instanceof ForbiddenError && error.reason === 'host_not_allowed';
      throw refusedFor(error as Error, {
        keyId: key.id,
        accountId: key.accountId,
        ...(detail && { detail: { address: clientIp } }),
      });
    }
  }

  private principalOf(
    key: KeyRecord,
    viaPreviousSecret: boolean,
    clientIp: string,
    now: Date,
  ): Principal {
    if (viaPreviousSecret && !previousSecretValidAt(key, now)) {
      throw new UnauthorizedError(
        'This API key was regenerated and its previous secret is no longer valid',
        'previous_secret_expired',
      );
    }
    const status = recordStatusAt(key, now);
    if (status === 'revoked') throw new UnauthorizedError('API key revoked', 'revoked');
    if (status === 'expired') throw new UnauthorizedError('API key expired', 'expired');
    if (status === 'quarantined')
      throw new UnauthorizedError(
        'API key quarantined: it was reported leaked; an admin can release or revoke it',
        'leaked',
      );
    if (key.allowedHosts.length > 0 && !this.hostsOf(key).matches(clientIp)) {
      throw new ForbiddenError(
        `Calls from ${clientIp} are not allowed for this API key`,
        'host_not_allowed',
      );
    }
    const account = this.projection.account(key.accountId);
    if (!account) throw new UnauthorizedError('Unknown API key', 'unknown');
    const plan = this.settings.plans[account.plan];
    if (!plan?.apiAccess) {
      const upgrade = Object.entries(this.settings.plans).find(([, p]) => p.apiAccess)?.[0];
      throw new ForbiddenError(
        `API access is not included in the ${account.plan} plan${upgrade ? `; it requires the ${upgrade} plan or higher` : ''}`,
        'plan_without_api_access',
      );
    }
    return { key, account: { id: account.id, name: account.name, plan: account.plan } };
  }

  private hostsOf(key: KeyRecord): IpMatcher {
    let matcher = this.hostMatchers.get(key.allowedHosts);
    if (!matcher) {
      matcher = new IpMatcher(key.allowedHosts);
      this.hostMatchers.set(key.allowedHosts, matcher);
    }
    return matcher;
  }
}
