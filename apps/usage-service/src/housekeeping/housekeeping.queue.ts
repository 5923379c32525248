import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { KEYGATE_CONFIG, UsageServiceConfig } from '@keygate/config';
import { CLOCK, Clock } from '@keygate/contracts';
import { UsageJobQueue } from '../jobs/usage-job-queue';
import { KeyHousekeeping } from './key-housekeeping';

export const HOUSEKEEPING_QUEUE = 'usage-housekeeping';

/** Daily at 00:15 UTC (after the rollup has read the days being trimmed): key housekeeping. */
@Injectable()
export class HousekeepingQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HousekeepingQueue.name);
  private jobs?: UsageJobQueue<Record<string, never>>;

  constructor(
    @Inject(KEYGATE_CONFIG) private readonly config: UsageServiceConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly housekeeping: KeyHousekeeping,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.jobs = new UsageJobQueue(this.config, HOUSEKEEPING_QUEUE, async () => {
      const report = await this.housekeeping.run(this.clock.now().getTime());
      this.logger.log(
        `${report.carriedLedgerKeys} ledger keys carried from kg:, ${report.accounts} accounts, ${report.flagged} keys unused for 30 days, ${report.trimmedDays} old key days trimmed, ${report.prunedDecisions} old decisions deleted`,
      );
      return report;
    });
    await this.jobs.schedule('daily-housekeeping', '15 0 * * *', {});
  }

  async onApplicationShutdown(): Promise<void> {
    await this.jobs?.close();
  }
}
