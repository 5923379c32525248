import {
  ACCOUNT_STREAM_PREFIX,
  AccountOpenedData,
  AccountPlanChangedData,
  AccountRecord,
  EventEnvelope,
  KEY_STREAM_PREFIX,
  KeyCreatedData,
  KeyRecord,
  KeyRotatedData,
  KeyUpdatedData,
  KeysSnapshot,
} from '@keygate/contracts';

export type ApplyOutcome = 'applied' | 'stale' | 'gap';

export interface KeyMatch {
  key: KeyRecord;
  /** Matched the secret a rotation replaced; valid only until `key.previousValidUntil`. */
  viaPreviousSecret: boolean;
}

/**
 * The gateway's in-memory read model of keys and accounts: a snapshot plus every event after
 * it. Each stream is applied strictly in version order: an older or repeated version is stale
 * (duplicates included), a skipped one is a gap the caller repairs by re-fetching the key.
 */
export class KeyProjection {
  private readonly keys = new Map<string, KeyRecord>();
  private readonly keyIdByHash = new Map<string, string>();
  private readonly accounts = new Map<string, AccountRecord>();

  get keyCount(): number {
    return this.keys.size;
  }

  load(snapshot: Pick<KeysSnapshot, 'accounts' | 'keys'>): void {
    this.keys.clear();
    this.keyIdByHash.clear();
    this.accounts.clear();
    for (const account of snapshot.accounts) this.accounts.set(account.id, account);
    for (const key of snapshot.keys) this.putKey(key);
  }

  findBySecretHash(secretHash: string): KeyMatch | null {
    const keyId = this.keyIdByHash.get(secretHash);
    const key = keyId === undefined ? undefined : this.keys.get(keyId);
    if (!key) return null;
    return { key, viaPreviousSecret: key.secretHash !== secretHash };
  }

  key(keyId: string): KeyRecord | undefined {
    return this.keys.get(keyId);
  }

  account(accountId: string): AccountRecord | undefined {
    return this.accounts.get(accountId);
  }

  /** Replaces a key with an authoritative record (after a gap), unless ours is newer. */
  putKey(record: KeyRecord): void {
    const current = this.keys.get(record.id);
    if (current && current.version >= record.version) return;
    if (current) this.unindex(current);
    this.keys.set(record.id, record);
    this.keyIdByHash.set(record.secretHash, record.id);
    if (record.previousSecretHash) this.keyIdByHash.set(record.previousSecretHash, record.id);
  }

  apply(event: EventEnvelope): ApplyOutcome {
    if (event.streamId.startsWith(KEY_STREAM_PREFIX)) return this.applyKeyEvent(event);
    if (event.streamId.startsWith(ACCOUNT_STREAM_PREFIX)) return this.applyAccountEvent(event);
    return 'stale';
  }

  private applyKeyEvent(event: EventEnvelope): ApplyOutcome {
    const keyId = event.streamId.slice(KEY_STREAM_PREFIX.length);
    const current = this.keys.get(keyId);
    const currentVersion = current?.version ?? 0;
    if (event.version <= currentVersion) return 'stale';
    if (event.version > currentVersion + 1) return 'gap';

    if (event.type === 'KeyCreated') {
      const data = event.data as KeyCreatedData;
      this.putKey({
        id: data.keyId,
        accountId: data.accountId,
        name: data.name,
        kind: data.kind,
        access: data.access,
        type: data.type,
        rules: data.rules,
        status: 'active',
        expiresAt: data.expiresAt,
        allowedHosts: data.allowedHosts,
        version: event.version,
        secretHash: data.secretHash,
        previousSecretHash: null,
        previousValidUntil: null,
      });
      return 'applied';
    }
    if (!current) return 'gap';
    if (event.type === 'KeyDeleted') {
      this.unindex(current);
      this.keys.delete(keyId);
      return 'applied';
    }
    const next: KeyRecord = { ...current, version: event.version };
    switch (event.type) {
      case 'KeyUpdated': {
        const data = event.data as KeyUpdatedData;
        if (data.name !== undefined) next.name = data.name;
        if (data.rules !== undefined) next.rules = data.rules;
        if (data.allowedHosts !== undefined) next.allowedHosts = data.allowedHosts;
        if (data.expiresAt !== undefined) next.expiresAt = data.expiresAt;
        break;
      }
      case 'KeyRotated': {
        const data = event.data as KeyRotatedData;
        next.secretHash = data.secretHash;
        next.previousSecretHash = data.previousSecretHash;
        next.previousValidUntil = data.previousValidUntil;
        break;
      }
      case 'KeyRevoked':
        next.status = 'revoked';
        next.previousSecretHash = null;
        next.previousValidUntil = null;
        break;
      case 'KeyExpired':
        if (next.status === 'active') next.status = 'expired';
        break;
    }
    this.unindex(current);
    this.keys.set(keyId, next);
    this.keyIdByHash.set(next.secretHash, keyId);
    if (next.previousSecretHash) this.keyIdByHash.set(next.previousSecretHash, keyId);
    return 'applied';
  }

  private applyAccountEvent(event: EventEnvelope): ApplyOutcome {
    const accountId = event.streamId.slice(ACCOUNT_STREAM_PREFIX.length);
    const current = this.accounts.get(accountId);
    const currentVersion = current?.version ?? 0;
    if (event.version <= currentVersion) return 'stale';
    if (event.version > currentVersion + 1) return 'gap';
    if (event.type === 'AccountOpened') {
      const data = event.data as AccountOpenedData;
      this.accounts.set(accountId, {
        id: accountId,
        name: data.name,
        plan: data.plan,
        version: event.version,
      });
    } else if (current) {
      const plan =
        event.type === 'AccountPlanChanged'
          ? (event.data as AccountPlanChangedData).to
          : current.plan;
      this.accounts.set(accountId, { ...current, plan, version: event.version });
    } else {
      return 'gap';
    }
    return 'applied';
  }

  /** Everything the projection holds, in a stable order: for comparing two gateways. */
  dump(): { accounts: AccountRecord[]; keys: KeyRecord[]; hashes: Array<[string, string]> } {
    const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);
    return {
      accounts: [...this.accounts.values()].sort(byId),
      keys: [...this.keys.values()].sort(byId),
      hashes: [...this.keyIdByHash.entries()].sort((a, b) => a[0].localeCompare(b[0])),
    };
  }

  private unindex(key: KeyRecord): void {
    this.keyIdByHash.delete(key.secretHash);
    if (key.previousSecretHash) this.keyIdByHash.delete(key.previousSecretHash);
  }
}
