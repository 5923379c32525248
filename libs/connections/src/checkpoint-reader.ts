import type { RedisClient } from './redis.connection';
import {
  AccountRecord,
  CheckpointEntry,
  KeyRecord,
  checkpointKeys,
  decodeAccountEntry,
  decodeKeyEntry,
} from '@keygate/contracts';

const PAGE = 2000;

/**
 * Reads the projection checkpoint (see checkpointKeys) in pages: no reply grows with the number
 * of keys. The position is read first: every record scanned after it reflects at least that
 * position, so a reader that follows the stream from it misses nothing.
 */
export class CheckpointReader {
  private readonly names: ReturnType<typeof checkpointKeys>;

  constructor(
    private readonly redis: RedisClient,
    eventStream: string,
  ) {
    this.names = checkpointKeys(eventStream);
  }

  /** The stream position the checkpoint reflects, or null while it has not been built. */
  position(): Promise<string | null> {
    return this.redis.get(this.names.position);
  }

  async eachAccountPage(onPage: (accounts: AccountRecord[]) => void): Promise<void> {
    await this.scan(this.names.accounts, (id, text) => decodeAccountEntry(id, text), onPage);
  }

  /** Pages of live keys (deleted ones are left out). */
  async eachKeyPage(onPage: (keys: KeyRecord[]) => void): Promise<void> {
    await this.scan(
      this.names.keys,
      (id, text) => decodeKeyEntry(id, text).record,
      (records) => onPage(records.filter((r): r is KeyRecord => r !== null)),
    );
  }

  async key(keyId: string): Promise<CheckpointEntry<KeyRecord> | null> {
    const text = await this.redis.hget(this.names.keys, keyId);
    return text === null ? null : decodeKeyEntry(keyId, text);
  }

  async account(accountId: string): Promise<AccountRecord | null> {
    const text = await this.redis.hget(this.names.accounts, accountId);
    return text === null ? null : decodeAccountEntry(accountId, text);
  }

  /** Which of these accounts the checkpoint holds (this deployment's, open or closed). */
  async knownAccounts(accountIds: string[]): Promise<Set<string>> {
    if (accountIds.length === 0) return new Set();
    const texts = await this.redis.hmget(this.names.accounts, ...accountIds);
    return new Set(accountIds.filter((_, i) => texts[i] !== null));
  }

  private async scan<T>(
    hash: string,
    decode: (id: string, text: string) => T,
    onPage: (page: T[]) => void,
  ): Promise<void> {
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(hash, cursor, 'COUNT', PAGE);
      const page: T[] = [];
      for (let i = 0; i < flat.length; i += 2) page.push(decode(flat[i], flat[i + 1]));
      onPage(page);
      cursor = next;
    } while (cursor !== '0');
  }
}
