import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { KEYGATE_CONFIG, UsageServiceConfig } from '@keygate/config';
import { CheckpointReader, REDIS, RedisClient } from '@keygate/connections';
import {
  LEGACY_LEDGER_NAMESPACE,
  LedgerKeyspace,
  LedgerMergeReport,
  mergeLegacyLedger,
} from '@keygate/usage';

/** How often a pass runs again while the last one still found old keys. */
export const LEGACY_LEDGER_PASS_INTERVAL_MS = 60_000;
/** How long shutdown waits for a pass under way (its account merges are atomic either way). */
const SHUTDOWN_WAIT_MS = 2_000;

/**
 * Versions before 0.2 kept the call ledger under `kg:` whatever KEYGATE_REDIS_NAMESPACE said.
 * This carries this deployment's accounts into the namespace when the usage service starts, then
 * again every minute while a pass still finds old keys: gateways of the old version still
 * counting during a rolling upgrade. Until an account is carried, its new gateways count from
 * what is already in the namespace; nothing is lost, the counts add up once merged.
 */
@Injectable()
export class LegacyLedgerUpgrade implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LegacyLedgerUpgrade.name);
  private readonly checkpoint: CheckpointReader;
  private readonly legacy = new LedgerKeyspace(LEGACY_LEDGER_NAMESPACE);
  private readonly current: LedgerKeyspace;
  private timer?: NodeJS.Timeout;
  private pass: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(KEYGATE_CONFIG) private readonly config: UsageServiceConfig,
  ) {
    this.checkpoint = new CheckpointReader(redis, config.eventStream);
    this.current = new LedgerKeyspace(config.redisNamespace);
  }

  onApplicationBootstrap(): void {
    this.scheduleAfter(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.pass)
      await Promise.race([this.pass, new Promise((done) => setTimeout(done, SHUTDOWN_WAIT_MS))]);
  }

  /**
   * One pass over the old keyspace; null while the projection checkpoint, which says which
   * accounts are this deployment's, is not built yet.
   */
  async runPass(): Promise<LedgerMergeReport | null> {
    if ((await this.checkpoint.position()) === null) return null;
    return mergeLegacyLedger(this.redis, this.legacy, this.current, (accountIds) =>
      this.checkpoint.knownAccounts(accountIds),
    );
  }

  private scheduleAfter(delayMs: number): void {
    if (this.stopped || this.config.redisNamespace === LEGACY_LEDGER_NAMESPACE) return;
    this.timer = setTimeout(() => {
      this.pass = this.runPass().then(
        (report) => {
          if (report && report.keys === 0) return;
          if (report)
            this.logger.log(
              `carried ${report.keys} ledger keys of ${report.accounts} accounts from ${LEGACY_LEDGER_NAMESPACE}: into ${this.config.redisNamespace}:`,
            );
          this.scheduleAfter(LEGACY_LEDGER_PASS_INTERVAL_MS);
        },
        (error: Error) => {
          this.logger.warn(`ledger upgrade pass failed (${error.message}); trying again`);
          this.scheduleAfter(LEGACY_LEDGER_PASS_INTERVAL_MS);
        },
      );
    }, delayMs);
    this.timer.unref();
  }
}
