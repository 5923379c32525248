import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Connection, Model, mongo } from 'mongoose';
import { AccountRecord, AccountView, KeyRecord, KeyView } from '@keygate/contracts';
import { MONGO, insertInChunks } from '@keygate/connections';
import { Account } from '../domain/account.aggregate';
import { ApiKey } from '../domain/api-key.aggregate';
import { keyStatusAt } from '@keygate/contracts';
import {
  ACCOUNT_VIEW_COLLECTION,
  AccountViewDocument,
  KEY_VIEW_COLLECTION,
  KeyViewDocument,
  accountViewSchema,
  keyViewSchema,
} from './read-model.schemas';

const DUPLICATE_KEY = 11000;

function keyViewOf(doc: KeyViewDocument, now: Date): KeyView {
  return {
    id: doc._id,
    accountId: doc.accountId,
    name: doc.name,
    kind: doc.kind,
    access: doc.access,
    type: doc.type,
    environment: doc.environment ?? 'live',
    rules: doc.rules,
    hint: doc.hint,
    status: keyStatusAt(doc, now),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    expiresAt: doc.expiresAt,
    allowedHosts: doc.allowedHosts,
    rateLimits: doc.rateLimits ?? [],
    meta: doc.meta ?? {},
    credits: doc.credits ?? null,
    leak: doc.leak ?? null,
    version: doc.version,
  };
}

function keyRecordOf(doc: KeyViewDocument, now: Date): KeyRecord {
  const { hint: _h, createdAt: _c, updatedAt: _u, leak: _l, ...view } = keyViewOf(doc, now);
  return {
    ...view,
    secretHash: doc.secretHash,
    previousSecretHash: doc.previousSecretHash,
    previousValidUntil: doc.previousValidUntil,
  };
}

/** Keys by id, keys by account, key by secret hash; accounts by id. */
@Injectable()
export class ReadModels implements OnModuleInit {
  readonly keys: Model<KeyViewDocument>;
  readonly accounts: Model<AccountViewDocument>;

  constructor(@Inject(MONGO) connection: Connection) {
    this.keys = connection.model<KeyViewDocument>(KEY_VIEW_COLLECTION, keyViewSchema);
    this.accounts = connection.model<AccountViewDocument>(
      ACCOUNT_VIEW_COLLECTION,
      accountViewSchema,
    );
  }

  async onModuleInit(): Promise<void> {
    await Promise.all([this.keys.createIndexes(), this.accounts.createIndexes()]);
  }

  async writeKey(key: ApiKey): Promise<void> {
    await this.upsertNewer(this.keys, this.keyDocOf(key));
  }

  private keyDocOf(key: ApiKey): KeyViewDocument {
    return {
      _id: key.id,
      accountId: key.accountId,
      name: key.name,
      kind: key.kind,
      access: key.access,
      type: key.type,
      environment: key.environment,
      rules: key.rules,
      hint: key.hint,
      allowedHosts: key.allowedHosts,
      rateLimits: key.rateLimits,
      meta: key.meta,
      credits: key.credits,
      leak: key.lastLeak,
      expiresAt: key.expiresAt,
      secretHash: key.secretHash,
      previousSecretHash: key.previousSecretHash,
      previousValidUntil: key.previousValidUntil,
      revoked: key.revoked,
      quarantined: key.quarantined,
      expired: key.expired,
      deleted: key.deleted,
      createdAt: key.createdAt,
      updatedAt: key.updatedAt,
      version: key.version,
    };
  }

  /**
   * Views of keys created by the batch being projected (none of them has one yet), inserted in
   * bulk; a view that exists already (an event published twice) is left as it is.
   */
  async insertNewKeys(keys: ApiKey[]): Promise<void> {
    await insertInChunks(
      keys.map((key) => this.keyDocOf(key)),
      async (chunk) => {
        try {
          await this.keys.collection.insertMany(chunk as never, { ordered: false });
        } catch (error) {
          const writeErrors = (error as mongo.MongoBulkWriteError).writeErrors;
          const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
          if (list.length === 0 || list.some((e) => e.code !== DUPLICATE_KEY)) throw error;
        }
      },
    );
  }

  async writeAccount(account: Account): Promise<void> {
    const view = account.toView();
    await this.upsertNewer(this.accounts, {
      _id: view.id,
      name: view.name,
      plan: view.plan,
      createdAt: view.createdAt,
      version: view.version,
      twoFactorRequired: view.twoFactorRequired ?? false,
    });
  }

  async findKey(keyId: string, now: Date): Promise<KeyView | null> {
    const doc = await this.keys.findOne({ _id: keyId, deleted: false }).lean<KeyViewDocument>();
    return doc ? keyViewOf(doc, now) : null;
  }

  async findKeyRecord(keyId: string, now: Date): Promise<KeyRecord | null> {
    const doc = await this.keys.findOne({ _id: keyId, deleted: false }).lean<KeyViewDocument>();
    return doc ? keyRecordOf(doc, now) : null;
  }

  /**
   * Application keys first (live read-write, read-only, then the test pair), then user keys
   * oldest first, as the Panel lists them.
   */
  async keysOfAccount(accountId: string, now: Date): Promise<KeyView[]> {
    const docs = await this.keys
      .find({ accountId, deleted: false })
      .sort({ kind: 1, environment: 1, access: -1, createdAt: 1, _id: 1 })
      .lean<KeyViewDocument[]>();
    return docs.map((doc) => keyViewOf(doc, now));
  }

  async countActiveUserKeys(accountId: string, now: Date): Promise<number> {
    const docs = await this.keys
      .find(
        { accountId, kind: 'user', deleted: false, revoked: false, expired: false },
        { expiresAt: 1, revoked: 1, expired: 1 },
      )
      .lean<KeyViewDocument[]>();
    return docs.filter((doc) => keyStatusAt(doc, now) === 'active').length;
  }

  /** These keys as the read models hold them, deleted ones included (for the checkpoint). */
  async keyRecordsWithDeleted(
    keyIds: string[],
    now: Date,
  ): Promise<Array<{ record: KeyRecord; deleted: boolean }>> {
    const docs = await this.keys.find({ _id: { $in: keyIds } }).lean<KeyViewDocument[]>();
    return docs.map((doc) => ({ record: keyRecordOf(doc, now), deleted: doc.deleted }));
  }

  /** Every key, deleted ones included, in pages read through a cursor (for the checkpoint). */
  async *keyRecordPages(
    now: Date,
    pageSize: number,
  ): AsyncGenerator<Array<{ record: KeyRecord; deleted: boolean }>> {
    let page: Array<{ record: KeyRecord; deleted: boolean }> = [];
    for await (const doc of this.keys
      .find({})
      .sort({ _id: 1 })
      .lean<KeyViewDocument[]>()
      .cursor({ batchSize: pageSize })) {
      const view = doc as unknown as KeyViewDocument;
      page.push({ record: keyRecordOf(view, now), deleted: view.deleted });
      if (page.length === pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  async activeKeysWithExpiry(): Promise<Array<{ id: string; expiresAt: string }>> {
    const docs = await this.keys
      .find(
        { deleted: false, revoked: false, expired: false, expiresAt: { $ne: null } },
        { expiresAt: 1 },
      )
      .lean<KeyViewDocument[]>();
    return docs.map((doc) => ({ id: doc._id, expiresAt: doc.expiresAt as string }));
  }

  /** Live keys that expire by `until` (ISO time), with what an expiry reminder says of them. */
  async activeKeysExpiringBy(
    until: string,
  ): Promise<
    Array<{ id: string; accountId: string; name: string; hint: string; expiresAt: string }>
  > {
    const docs = await this.keys
      .find(
        { deleted: false, revoked: false, expired: false, expiresAt: { $ne: null, $lte: until } },
        { expiresAt: 1, accountId: 1, name: 1, hint: 1 },
      )
      .lean<KeyViewDocument[]>();
    return docs.map((doc) => ({
      id: doc._id,
      accountId: doc.accountId,
      name: doc.name,
      hint: doc.hint,
      expiresAt: doc.expiresAt as string,
    }));
  }

  async findAccount(accountId: string): Promise<AccountView | null> {
    const doc = await this.accounts.findById(accountId).lean<AccountViewDocument>();
    return doc
      ? {
          id: doc._id,
          name: doc.name,
          plan: doc.plan,
          createdAt: doc.createdAt,
          version: doc.version,
          ...(doc.twoFactorRequired && { twoFactorRequired: true as const }),
        }
      : null;
  }

  async allAccountRecords(): Promise<AccountRecord[]> {
    const docs = await this.accounts.find({}).sort({ _id: 1 }).lean<AccountViewDocument[]>();
    return docs.map((doc) => ({
      id: doc._id,
      name: doc.name,
      plan: doc.plan,
      version: doc.version,
    }));
  }

  async dropAll(): Promise<void> {
    await Promise.all([this.keys.deleteMany({}), this.accounts.deleteMany({})]);
  }

  /** Writes `doc` unless the stored view already folded in this version or a later one. */
  private async upsertNewer<T extends { _id: string; version: number }>(
    model: Model<T>,
    doc: T,
  ): Promise<void> {
    try {
      await model.collection.replaceOne(
        { _id: doc._id, version: { $lt: doc.version } } as never,
        doc as never,
        { upsert: true },
      );
    } catch (error) {
      if ((error as mongo.MongoServerError).code !== DUPLICATE_KEY) throw error;
    }
  }
}
