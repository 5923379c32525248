import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { hostname } from 'node:os';
import { KEYGATE_CONFIG, UsageServiceConfig } from '@keygate/config';
import { DECISION_FIELD, DecisionRecord, decisionStreamKey } from '@keygate/contracts';
import { RedisClient, StopSignal, closeRedis, createRedis } from '@keygate/connections';
import { DecisionDocument } from './decision.schema';
import { DecisionLogRepository } from './decision-log.repository';
import { decisionIdOf } from './decision-order';

const GROUP = 'keygate-decision-log';
const BLOCK_MS = 1000;
const COUNT = 500;
/** An entry another consumer read and has not acknowledged for this long is taken over. */
const CLAIM_AFTER_MS = 30_000;

/**
 * Stores the gateways' refusal records in MongoDB, from the decisions stream through a consumer
 * group: an entry is acknowledged once stored, and stored under its entry id, so one read again
 * (a crash before the ack, another usage service taking it over) is not stored twice.
 */
@Injectable()
export class DecisionLogConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DecisionLogConsumer.name);
  private readonly stream: string;
  private readonly consumer = `usage-service@${hostname()}:${process.pid}`;
  private reader?: RedisClient;
  private loop: Promise<void> | null = null;
  private readonly stopping = new StopSignal();

  constructor(
    @Inject(KEYGATE_CONFIG) private readonly config: UsageServiceConfig,
    private readonly log: DecisionLogRepository,
  ) {
    this.stream = decisionStreamKey(config.redisNamespace);
  }

  onApplicationBootstrap(): void {
    this.reader = createRedis(this.config.redisUrl, 'keygate-decision-log', {
      maxRetriesPerRequest: null,
    });
    this.reader.on('error', () => undefined);
    this.loop = this.follow();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.stop();
    await this.loop?.catch(() => undefined);
    if (this.reader) await closeRedis(this.reader, 200);
  }

  private async follow(): Promise<void> {
    let grouped = false;
    while (!this.stopping.isStopped) {
      try {
        if (!grouped) {
          await this.stopping.unless(
            this.reader!.xgroup('CREATE', this.stream, GROUP, '0', 'MKSTREAM').catch(
              (error: Error) => {
                if (!/BUSYGROUP/.test(error.message)) throw error;
              },
            ),
            undefined,
          );
          grouped = true;
        }
        const [, claimed] = (await this.stopping.unless(
          this.reader!.xautoclaim(
            this.stream,
            GROUP,
            this.consumer,
            CLAIM_AFTER_MS,
            '0',
            'COUNT',
            COUNT,
          ),
          ['0-0', []],
        )) as [string, Array<[string, string[]]>];
        if (claimed.length > 0) await this.stopping.unless(this.store(claimed), undefined);
        const reply = (await this.stopping.unless(
          this.reader!.xreadgroup(
            'GROUP',
            GROUP,
            this.consumer,
            'COUNT',
            COUNT,
            'BLOCK',
            BLOCK_MS,
            'STREAMS',
            this.stream,
            '>',
          ),
          null,
        )) as Array<[string, Array<[string, string[]]>]> | null;
        if (reply) await this.stopping.unless(this.store(reply[0][1]), undefined);
      } catch (error) {
        if (this.stopping.isStopped) return;
        this.logger.warn(`decision log: ${(error as Error).message}`);
        await this.stopping.pause(500);
      }
    }
  }

  private async store(entries: Array<[string, string[] | null]>): Promise<void> {
    const documents: DecisionDocument[] = [];
    for (const [id, fields] of entries) {
      if (!fields) continue; // trimmed away meanwhile
      const record = JSON.parse(fields[fields.indexOf(DECISION_FIELD) + 1]) as DecisionRecord;
      const at = new Date(record.at);
      documents.push({ ...record, _id: decisionIdOf(id, at.getTime()), at });
    }
    if (this.stopping.isStopped) return; // not acknowledged: read again after the restart
    await this.log.insertOnce(documents);
    await this.reader!.xack(this.stream, GROUP, ...entries.map(([id]) => id));
  }
}
