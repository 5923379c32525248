import {
  KeyAccess,
  KeyCredits,
  KeyEnvironment,
  KeyKind,
  KeyMeta,
  KeyRecord,
  KeyRule,
  KeyStatus,
  KeyType,
  RateLimit,
} from '@keygate/contracts';

const KINDS: KeyKind[] = ['user', 'application'];
const ACCESSES: Array<KeyAccess | null> = [null, 'read-write', 'read-only'];
const TYPES: KeyType[] = ['standard', 'administration'];
const STATUSES: KeyStatus[] = ['active', 'revoked', 'expired', 'quarantined'];
const ENVIRONMENTS: KeyEnvironment[] = ['live', 'test'];

/** A secret hash (64 hex digits) as the 32-character one-byte string the projection keys by. */
export const hashKey = (hex: string): string => Buffer.from(hex, 'hex').toString('latin1');
/** The other way: a projection key back to its 64 hex digits. */
export const hexOf = (key: string): string => Buffer.from(key, 'latin1').toString('hex');

/** The fields only a rotated key in its grace period has. */
interface Previous {
  secretHash: string;
  validUntil: string | null;
}

/**
 * A key as a gateway holds it, a million at a time: the five words (kind, access, type,
 * status, environment) packed into one number, the secret hash as 32 bytes rather than 64 hex digits, the
 * grace-period fields only on keys that have them, and shared values (rule sets, host lists,
 * rate limits, account ids) passed in already shared. Reads as a KeyRecord.
 */
export class HeldKey implements KeyRecord {
  private readonly packed: number;
  private readonly previous: Previous | null;

  constructor(
    record: KeyRecord,
    readonly accountId: string,
    readonly rules: KeyRule[],
    readonly allowedHosts: string[],
    readonly rateLimits: RateLimit[],
    readonly meta: KeyMeta,
    readonly id = record.id,
    readonly credits: KeyCredits | null = record.credits,
    readonly name = record.name,
    readonly expiresAt = record.expiresAt,
    readonly version = record.version,
    /** hashKey(secretHash): what the projection is keyed by. */
    readonly hash = hashKey(record.secretHash),
  ) {
    this.packed =
      KINDS.indexOf(record.kind) |
      (ACCESSES.indexOf(record.access) << 2) |
      (TYPES.indexOf(record.type) << 4) |
      (STATUSES.indexOf(record.status) << 6) |
      (ENVIRONMENTS.indexOf(record.environment) << 8);
    this.previous = record.previousSecretHash
      ? { secretHash: hashKey(record.previousSecretHash), validUntil: record.previousValidUntil }
      : null;
  }

  get kind(): KeyKind {
    return KINDS[this.packed & 3];
  }

  get access(): KeyAccess | null {
    return ACCESSES[(this.packed >> 2) & 3];
  }

  get type(): KeyType {
    return TYPES[(this.packed >> 4) & 3];
  }

  get status(): KeyStatus {
    return STATUSES[(this.packed >> 6) & 3];
  }

  get environment(): KeyEnvironment {
    return ENVIRONMENTS[(this.packed >> 8) & 1];
  }

  get secretHash(): string {
    return hexOf(this.hash);
  }

  /** hashKey(previousSecretHash), or null. */
  get previousHash(): string | null {
    return this.previous?.secretHash ?? null;
  }

  get previousSecretHash(): string | null {
    return this.previous ? hexOf(this.previous.secretHash) : null;
  }

  get previousValidUntil(): string | null {
    return this.previous?.validUntil ?? null;
  }

  /** A plain record, for the fold and for comparing projections. */
  toRecord(): KeyRecord {
    return {
      id: this.id,
      accountId: this.accountId,
      name: this.name,
      kind: this.kind,
      access: this.access,
      type: this.type,
      environment: this.environment,
      rules: this.rules,
      status: this.status,
      expiresAt: this.expiresAt,
      allowedHosts: this.allowedHosts,
      rateLimits: this.rateLimits,
      meta: this.meta,
      credits: this.credits,
      version: this.version,
      secretHash: this.secretHash,
      previousSecretHash: this.previousSecretHash,
      previousValidUntil: this.previousValidUntil,
    };
  }
}
