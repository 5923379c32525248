import {
  CreditRefill,
  CreditsInput,
  KEY_ACTIONS,
  KeyAccess,
  KeyEnvironment,
  KeyCreatedData,
  KeyCredits,
  KeyCreditsChangedData,
  KeyLeakedData,
  KeyLeakReport,
  KeyReleasedData,
  LeakAction,
  KeyDeletedData,
  KeyEvent,
  KeyEventType,
  KeyExpiredData,
  KeyKind,
  KeyRecord,
  KeyRevokedData,
  KeyRotatedData,
  KeyRule,
  KeyStatus,
  keyStreamId,
  KeyType,
  KeyUpdatedData,
  KeyView,
  MAX_GRACE_PERIOD_SECONDS,
  MAX_KEY_LIFETIME_DAYS,
  NotAllowedError,
  KeyMeta,
  NotFoundError,
  RateLimit,
  ValidationError,
  creditPeriodAt,
  creditsChanged,
  creditsCreated,
} from '@keygate/contracts';
import { AggregateRoot, EventHandlers } from './aggregate-root';
import { keyStatusAt } from '@keygate/contracts';

const DAY_MS = 24 * 3600 * 1000;

export interface NewSecret {
  secretHash: string;
  hint: string;
}

export interface UserKeyInput extends NewSecret {
  keyId: string;
  accountId: string;
  name: string;
  type: KeyType;
  /** Absent: live. */
  environment?: KeyEnvironment;
  rules: KeyRule[];
  expiresAt: string | null;
  allowedHosts: string[];
  rateLimits: RateLimit[];
  meta: KeyMeta;
  credits: CreditsInput;
}

/** An operator's change of credits: set what is left (and the refill), or add to it. */
export interface CreditsChange {
  set?: number;
  add?: number;
  unlimited?: true;
  /** With `set`: the new refill (null: none); absent: the key keeps its refill. */
  refill?: CreditRefill | null;
}

export interface KeyChanges {
  name?: string;
  rules?: KeyRule[];
  allowedHosts?: string[];
  expiresAt?: string | null;
  rateLimits?: RateLimit[];
  meta?: KeyMeta;
}

const APPLICATION_KEYS: Record<KeyAccess, { name: string; rules: KeyRule[] }> = {
  'read-write': {
    name: 'Read and write API key',
    rules: [{ resource: '*', actions: [...KEY_ACTIONS] }],
  },
  'read-only': { name: 'Read only API key', rules: [{ resource: '*', actions: ['read'] }] },
};

/** `expiresAt` must lie in the future and at most 365 days ahead of `now`. */
export function checkExpiry(expiresAt: string | null, now: Date): void {
  if (expiresAt === null) return;
  const at = Date.parse(expiresAt);
  if (at <= now.getTime()) throw ValidationError.of('expiresAt', 'must be in the future');
  if (at > now.getTime() + MAX_KEY_LIFETIME_DAYS * DAY_MS) {
    throw ValidationError.of('expiresAt', `must be at most ${MAX_KEY_LIFETIME_DAYS} days ahead`);
  }
}

/** The input as stored: no empty `meta`, `rateLimits` or `credits` in the event (most keys have none). */
function withoutEmpty({ meta, rateLimits, credits, environment, ...rest }: UserKeyInput) {
  return {
    ...rest,
    ...(environment === 'test' && { environment }),
    ...(rateLimits.length > 0 && { rateLimits }),
    ...(Object.keys(meta).length > 0 && { meta }),
    ...(credits && { credits }),
  };
}

export class ApiKey extends AggregateRoot<KeyEvent> {
  id = '';
  accountId = '';
  kind: KeyKind = 'user';
  access: KeyAccess | null = null;
  type: KeyType = 'standard';
  environment: KeyEnvironment = 'live';
  name = '';
  rules: KeyRule[] = [];
  allowedHosts: string[] = [];
  rateLimits: RateLimit[] = [];
  meta: KeyMeta = {};
  credits: KeyCredits | null = null;
  /** Leak reports already recorded, as `source|url`. */
  readonly leakReports = new Set<string>();
  lastLeak: KeyLeakReport | null = null;
  expiresAt: string | null = null;
  secretHash = '';
  hint = '';
  previousSecretHash: string | null = null;
  previousValidUntil: string | null = null;
  revoked = false;
  quarantined = false;
  expired = false;
  deleted = false;
  createdAt = '';
  updatedAt = '';

  get streamId(): string {
    return keyStreamId(this.id);
  }

  static createApplicationKey(
    input: NewSecret & {
      keyId: string;
      accountId: string;
      access: KeyAccess;
      environment?: KeyEnvironment;
      now: Date;
    },
  ): ApiKey {
    const template = APPLICATION_KEYS[input.access];
    const key = new ApiKey();
    const test = input.environment === 'test';
    const data: KeyCreatedData = {
      keyId: input.keyId,
      accountId: input.accountId,
      kind: 'application',
      access: input.access,
      type: 'standard',
      ...(test && { environment: 'test' as const }),
      name: test
        ? `Test ${template.name[0].toLowerCase()}${template.name.slice(1)}`
        : template.name,
      rules: template.rules,
      allowedHosts: [],
      expiresAt: null,
      secretHash: input.secretHash,
      hint: input.hint,
    };
    key.apply(KeyEventType.KeyCreated, data, input.now);
    return key;
  }

  static createUserKey(input: UserKeyInput, now: Date): ApiKey {
    checkExpiry(input.expiresAt, now);
    const key = new ApiKey();
    const data: KeyCreatedData = { ...withoutEmpty(input), kind: 'user', access: null };
    key.apply(KeyEventType.KeyCreated, data, now);
    return key;
  }

  /** A user key whose secret was made elsewhere (operator import): no plan limit applies. */
  static importUserKey(input: UserKeyInput, now: Date): ApiKey {
    checkExpiry(input.expiresAt, now);
    const key = new ApiKey();
    const data: KeyCreatedData = {
      ...withoutEmpty(input),
      kind: 'user',
      access: null,
      imported: true,
    };
    key.apply(KeyEventType.KeyCreated, data, now);
    return key;
  }

  status(now: Date): KeyStatus {
    return keyStatusAt(this, now);
  }

  update(changes: KeyChanges, now: Date): boolean {
    this.assertExists();
    if (this.kind === 'application')
      throw new NotAllowedError('Application keys cannot be edited; they can only be regenerated');
    if (this.status(now) !== 'active')
      throw new NotAllowedError(`The key is ${this.status(now)} and can no longer be changed`);
    if (changes.expiresAt !== undefined && changes.expiresAt !== this.expiresAt)
      checkExpiry(changes.expiresAt, now);
    const data: KeyUpdatedData = { keyId: this.id };
    if (changes.name !== undefined && changes.name !== this.name) data.name = changes.name;
    if (changes.rules !== undefined && JSON.stringify(changes.rules) !== JSON.stringify(this.rules))
      data.rules = changes.rules;
    if (
      changes.allowedHosts !== undefined &&
      JSON.stringify(changes.allowedHosts) !== JSON.stringify(this.allowedHosts)
    ) {
      data.allowedHosts = changes.allowedHosts;
    }
    if (changes.expiresAt !== undefined && changes.expiresAt !== this.expiresAt)
      data.expiresAt = changes.expiresAt;
    if (
      changes.rateLimits !== undefined &&
      JSON.stringify(changes.rateLimits) !== JSON.stringify(this.rateLimits)
    ) {
      data.rateLimits = changes.rateLimits;
    }
    if (changes.meta !== undefined && JSON.stringify(changes.meta) !== JSON.stringify(this.meta))
      data.meta = changes.meta;
    if (Object.keys(data).length === 1) return false;
    this.apply(KeyEventType.KeyUpdated, data, now);
    return true;
  }

  /**
   * Sets what the key may spend (in the refill period it is set in, with a new refill or the one
   * it has), adds to it, or lifts the limit; every change is an event, applied exactly once by
   * the admission step. Lifting the limit of a key without one changes nothing.
   */
  changeCredits(change: CreditsChange, now: Date): void {
    this.assertExists();
    if (this.status(now) !== 'active')
      throw new NotAllowedError(`The key is ${this.status(now)} and can no longer be changed`);
    const data: KeyCreditsChangedData = { keyId: this.id };
    if (change.unlimited) {
      if (!this.credits) return;
      data.unlimited = true;
    } else if (change.add !== undefined) {
      if (!this.credits)
        throw new NotAllowedError('The key spends without limit: set its credits before adding');
      data.add = change.add;
    } else {
      const refill = change.refill === undefined ? (this.credits?.refill ?? null) : change.refill;
      const period = refill
        ? creditPeriodAt(Date.parse(this.createdAt), refill.every, now.getTime())
        : 0;
      data.set = { amount: change.set ?? 0, period, refill, anchor: this.createdAt };
    }
    this.apply(KeyEventType.KeyCreditsChanged, data, now);
  }

  /**
   * Records that a secret of the key was found exposed, and revokes the key with it when `action`
   * says so. A key already revoked, or a report already recorded (same source and URL), changes
   * nothing: answers false.
   */
  reportLeak(source: string, url: string | null, action: LeakAction, now: Date): boolean {
    this.assertExists();
    const status = this.status(now);
    if (status === 'revoked') return false;
    if (this.leakReports.has(`${source}|${url ?? ''}`) && action !== 'revoke') return false;
    if (status === 'quarantined' && action === 'quarantine') return false;
    const data: KeyLeakedData = { keyId: this.id, source, url, action };
    this.apply(KeyEventType.KeyLeaked, data, now);
    return true;
  }

  /** An admin judged a quarantined key safe: it works again. Only a quarantined key can be. */
  release(now: Date): void {
    this.assertExists();
    if (this.status(now) !== 'quarantined')
      throw new NotAllowedError(`The key is ${this.status(now)}, not quarantined`);
    const data: KeyReleasedData = { keyId: this.id };
    this.apply(KeyEventType.KeyReleased, data, now);
  }

  /** A new secret; the old one keeps working for `gracePeriodSeconds` (0 ends it at once). */
  rotate(secret: NewSecret, gracePeriodSeconds: number, now: Date): void {
    this.assertExists();
    const status = this.status(now);
    if (status !== 'active')
      throw new NotAllowedError(`The key is ${status} and cannot be regenerated`);
    if (
      !Number.isInteger(gracePeriodSeconds) ||
      gracePeriodSeconds < 0 ||
      gracePeriodSeconds > MAX_GRACE_PERIOD_SECONDS
    ) {
      throw ValidationError.of(
        'gracePeriodSeconds',
        'must be a whole number of seconds from 0 to 604800',
      );
    }
    const grace = gracePeriodSeconds > 0;
    const data: KeyRotatedData = {
      keyId: this.id,
      secretHash: secret.secretHash,
      hint: secret.hint,
      previousSecretHash: grace ? this.secretHash : null,
      previousValidUntil: grace
        ? new Date(now.getTime() + gracePeriodSeconds * 1000).toISOString()
        : null,
    };
    this.apply(KeyEventType.KeyRotated, data, now);
  }

  /** Irreversible. Revoking a revoked key changes nothing, so a retried request is harmless. */
  revoke(now: Date): boolean {
    this.assertExists();
    if (this.kind === 'application')
      throw new NotAllowedError('Application keys cannot be revoked; regenerate them instead');
    if (this.revoked) return false;
    const data: KeyRevokedData = { keyId: this.id };
    this.apply(KeyEventType.KeyRevoked, data, now);
    return true;
  }

  delete(now: Date): void {
    this.assertExists();
    if (this.kind === 'application')
      throw new NotAllowedError('Application keys cannot be deleted; regenerate them instead');
    const data: KeyDeletedData = { keyId: this.id };
    this.apply(KeyEventType.KeyDeleted, data, now);
  }

  /** Applies KeyExpired once `expiresAt` has passed; returns false when there is nothing to do. */
  expire(now: Date): boolean {
    if (this.deleted || this.revoked || this.expired || this.expiresAt === null) return false;
    if (Date.parse(this.expiresAt) > now.getTime()) return false;
    const data: KeyExpiredData = { keyId: this.id, expiresAt: this.expiresAt };
    this.apply(KeyEventType.KeyExpired, data, now);
    return true;
  }

  belongsTo(accountId: string): boolean {
    return this.version > 0 && !this.deleted && this.accountId === accountId;
  }

  toView(now: Date): KeyView {
    return {
      id: this.id,
      accountId: this.accountId,
      name: this.name,
      kind: this.kind,
      access: this.access,
      type: this.type,
      environment: this.environment,
      rules: this.rules,
      hint: this.hint,
      status: this.status(now),
      createdAt: this.createdAt,
      updatedAt: this.updatedAt,
      expiresAt: this.expiresAt,
      allowedHosts: this.allowedHosts,
      rateLimits: this.rateLimits,
      meta: this.meta,
      credits: this.credits,
      leak: this.lastLeak,
      version: this.version,
    };
  }

  toRecord(now: Date): KeyRecord {
    const { hint: _hint, createdAt: _c, updatedAt: _u, leak: _l, ...rest } = this.toView(now);
    return {
      ...rest,
      secretHash: this.secretHash,
      previousSecretHash: this.previousSecretHash,
      previousValidUntil: this.previousValidUntil,
    };
  }

  /** Every key event, by type: a KeyEvent type without its handler here fails to compile. */
  private static readonly HANDLERS: EventHandlers<ApiKey, KeyEvent> = {
    KeyCreated: (key, data, at) => key.onKeyCreated(data, at),
    KeyUpdated: (key, data, at) => key.onKeyUpdated(data, at),
    KeyRotated: (key, data, at) => key.onKeyRotated(data, at),
    KeyRevoked: (key, data, at) => key.onKeyRevoked(data, at),
    KeyDeleted: (key, data, at) => key.onKeyDeleted(data, at),
    KeyExpired: (key, data, at) => key.onKeyExpired(data, at),
    KeyCreditsChanged: (key, data, at) => key.onKeyCreditsChanged(data, at),
    KeyLeaked: (key, data, at) => key.onKeyLeaked(data, at),
    KeyReleased: (key, data, at) => key.onKeyReleased(data, at),
  };

  protected readonly handlers = ApiKey.HANDLERS;

  private assertExists(): void {
    if (this.version === 0 || this.deleted) throw new NotFoundError('Key', this.id || 'unknown');
  }

  protected onKeyCreated(data: KeyCreatedData, occurredAt: string): void {
    this.id = data.keyId;
    this.accountId = data.accountId;
    this.kind = data.kind;
    this.access = data.access;
    this.type = data.type;
    this.environment = data.environment ?? 'live';
    this.name = data.name;
    this.rules = data.rules;
    this.allowedHosts = data.allowedHosts;
    this.rateLimits = data.rateLimits ?? [];
    this.meta = data.meta ?? {};
    this.credits = creditsCreated(data, this.version + 1, occurredAt);
    this.expiresAt = data.expiresAt;
    this.secretHash = data.secretHash;
    this.hint = data.hint;
    this.createdAt = occurredAt;
    this.updatedAt = occurredAt;
  }

  protected onKeyUpdated(data: KeyUpdatedData, occurredAt: string): void {
    if (data.name !== undefined) this.name = data.name;
    if (data.rules !== undefined) this.rules = data.rules;
    if (data.allowedHosts !== undefined) this.allowedHosts = data.allowedHosts;
    if (data.expiresAt !== undefined) this.expiresAt = data.expiresAt;
    if (data.rateLimits !== undefined) this.rateLimits = data.rateLimits;
    if (data.meta !== undefined) this.meta = data.meta;
    this.updatedAt = occurredAt;
  }

  protected onKeyCreditsChanged(data: KeyCreditsChangedData, occurredAt: string): void {
    this.credits = creditsChanged(this.credits, data, this.version + 1);
    this.updatedAt = occurredAt;
  }

  protected onKeyLeaked(data: KeyLeakedData, occurredAt: string): void {
    this.leakReports.add(`${data.source}|${data.url ?? ''}`);
    this.lastLeak = {
      source: data.source,
      url: data.url,
      action: data.action,
      reportedAt: occurredAt,
    };
    if (data.action === 'revoke') {
      this.revoked = true;
      this.previousSecretHash = null;
      this.previousValidUntil = null;
    } else if (data.action === 'quarantine') this.quarantined = true;
    this.updatedAt = occurredAt;
  }

  protected onKeyReleased(_data: KeyReleasedData, occurredAt: string): void {
    this.quarantined = false;
    this.updatedAt = occurredAt;
  }

  protected onKeyRotated(data: KeyRotatedData, occurredAt: string): void {
    this.secretHash = data.secretHash;
    this.hint = data.hint;
    this.previousSecretHash = data.previousSecretHash;
    this.previousValidUntil = data.previousValidUntil;
    this.updatedAt = occurredAt;
  }

  protected onKeyRevoked(_data: KeyRevokedData, occurredAt: string): void {
    this.revoked = true;
    this.previousSecretHash = null;
    this.previousValidUntil = null;
    this.updatedAt = occurredAt;
  }

  protected onKeyDeleted(_data: KeyDeletedData, occurredAt: string): void {
    this.deleted = true;
    this.updatedAt = occurredAt;
  }

  protected onKeyExpired(_data: KeyExpiredData, occurredAt: string): void {
    this.expired = true;
    this.updatedAt = occurredAt;
  }
}
