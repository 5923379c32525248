import { Inject, Injectable } from '@nestjs/common';
import { Connection, FilterQuery, Model } from 'mongoose';
import { DecisionPage, DecisionRecord } from '@keygate/contracts';
import { MONGO } from '@keygate/connections';
import { DecisionDocument, decisionSchema } from './decision.schema';

/** The stored refusals, read for the Panel: by request id, or a key's, newest first. */
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

  async ofKey(query: {
    accountId: string;
    keyId: string;
    code?: string;
    from?: string;
    to?: string;
    cursor?: string;
    limit: number;
  }): Promise<DecisionPage> {
    const filter: FilterQuery<DecisionDocument> = {
      accountId: query.accountId,
      keyId: query.keyId,
    };
    if (query.code) filter.code = query.code;
    if (query.from || query.to)
      filter.at = {
        ...(query.from && { $gte: new Date(query.from) }),
        ...(query.to && { $lt: new Date(query.to) }),
      };
    if (query.cursor) filter._id = { $lt: query.cursor };
    const found = await this.decisions
      .find(filter)
      .sort({ _id: -1 })
      .limit(query.limit + 1)
      .lean<DecisionDocument[]>();
    const page = found.slice(0, query.limit);
    return {
      decisions: page.map(recordOf),
      nextCursor: found.length > query.limit ? page[page.length - 1]._id : null,
    };
  }

  /** Drops what is older than the retention: answers how many. */
  async prune(olderThan: Date): Promise<number> {
    return (await this.decisions.deleteMany({ at: { $lt: olderThan } })).deletedCount;
  }
}

function recordOf({ _id, at, ...rest }: DecisionDocument): DecisionRecord {
  return { ...rest, at: at.toISOString() };
}
