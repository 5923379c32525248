import { Inject, Injectable } from '@nestjs/common';
import { Connection, FilterQuery, Model } from 'mongoose';
import { DecisionRecord } from '@keygate/contracts';
import { MONGO } from '@keygate/connections';
import { DecisionDocument, decisionSchema } from './decision.schema';

/** The stored refusals, read for the Panel: by request id, a key's newest first, or counted. */
@Injectable()
export class DecisionLogRepository {
  private readonly decisions: Model<DecisionDocument>;

  constructor(@Inject(MONGO) connection: Connection) {
    this.decisions = connection.model<DecisionDocument>('Decision', decisionSchema);
  }

  /** Stores records under their stream entry ids; one stored already is left as it is. */
  async insertOnce(documents: DecisionDocument[]): Promise<void> {
    for (let start = 0; start < documents.length; start += 100)
      await this.decisions
        .insertMany(documents.slice(start, start + 100), { ordered: false })
        .catch((error: { code?: number; writeErrors?: Array<{ code?: number }> }) => {
          const duplicatesOnly =
            error.code === 11000 || error.writeErrors?.every((w) => w.code === 11000);
          if (!duplicatesOnly) throw error;
        });
  }

  async byRequest(accountId: string, requestId: string): Promise<DecisionRecord[]> {
    const found = await this.decisions
      .find({ accountId, requestId })
      .sort({ _id: -1 })
      .limit(20)
      .lean<DecisionDocument[]>();
    return found.map(recordOf);
  }

  /**
   * A key's refusals in [from, to) stored below `before` (a stored id), newest first: at most
   * `limit`, each with its stored id.
   */
  async refusalsOfKey(query: {
    accountId: string;
    keyId: string;
    code?: string;
    fromMs: number;
    toMs: number;
    before?: string;
    limit: number;
  }): Promise<Array<{ id: string; record: DecisionRecord }>> {
    const filter: FilterQuery<DecisionDocument> = {
      accountId: query.accountId,
      keyId: query.keyId,
      at: { $gte: new Date(query.fromMs), $lt: new Date(query.toMs) },
    };
    if (query.code) filter.code = query.code;
    if (query.before) filter._id = { $lt: query.before };
    const found = await this.decisions
      .find(filter)
      .sort({ _id: -1 })
      .limit(query.limit)
      .lean<DecisionDocument[]>();
    return found.map((document) => ({ id: document._id, record: recordOf(document) }));
  }

  /** A key's refusals in [from, to) counted per resource and action. */
  async refusalCounts(
    accountId: string,
    keyId: string,
    fromMs: number,
    toMs: number,
  ): Promise<Array<{ resource: string | null; action: string | null; calls: number }>> {
    const groups = await this.decisions.aggregate<{
      _id: { resource?: string | null; action?: string | null };
      calls: number;
    }>([
      { $match: { accountId, keyId, at: { $gte: new Date(fromMs), $lt: new Date(toMs) } } },
      { $group: { _id: { resource: '$resource', action: '$action' }, calls: { $sum: 1 } } },
    ]);
    return groups.map(({ _id, calls }) => ({
      resource: _id.resource ?? null,
      action: _id.action ?? null,
      calls,
    }));
  }

  /** Drops what is older than the retention: answers how many. */
  async prune(olderThan: Date): Promise<number> {
    return (await this.decisions.deleteMany({ at: { $lt: olderThan } })).deletedCount;
  }
}

function recordOf({ _id, at, ...rest }: DecisionDocument): DecisionRecord {
  return { ...rest, at: at.toISOString() };
}
