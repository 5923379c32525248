import { Inject, Injectable } from '@nestjs/common';
import { KEYGATE_CONFIG, KeyServiceConfig } from '@keygate/config';
import {
  KeyServicePattern,
  KeyServiceRequest,
  LeakVerdict,
  NotFoundError,
  SYSTEM_ACTOR,
} from '@keygate/contracts';
import { hashSecret } from '@keygate/key-secret';
import { ProjectionCheckpoint } from '../../../outbox/projection-checkpoint';
import { KeyMutation } from '../../key-mutation';

type ReportLeaks = KeyServiceRequest<typeof KeyServicePattern.ReportLeaks>;

const OUTCOME_OF = {
  revoke: 'revoked',
  quarantine: 'quarantined',
  notify: 'notified',
} as const satisfies Record<ReportLeaks['action'], LeakVerdict['outcome']>;

/**
 * Secrets a scanner found exposed: each is HMACed at once (never kept, never logged) and looked
 * up in the checkpoint's secret index; each key found records a KeyLeaked event, revoked with it
 * when the action says so, and every gateway refuses it from that event on. Answers, per secret
 * in order, whose it was and what was done; a report made twice changes nothing the second time.
 */
@Injectable()
export class ReportLeaksHandler {
  constructor(
    private readonly checkpoint: ProjectionCheckpoint,
    private readonly mutation: KeyMutation,
    @Inject(KEYGATE_CONFIG) private readonly config: KeyServiceConfig,
  ) {}

  async execute(report: ReportLeaks): Promise<LeakVerdict[]> {
    const hashes = report.secrets.map((secret) => hashSecret(secret, this.config.keyPepper));
    const owners = await this.checkpoint.keyIdsOfSecretHashes(hashes);
    const handled = new Map<string, Omit<LeakVerdict, 'label'>>();
    for (const keyId of new Set(owners.filter((id): id is string => id !== null)))
      handled.set(keyId, await this.handle(keyId, report));
    return owners.map((keyId) =>
      keyId === null
        ? { keyId: null, accountId: null, label: 'false_positive', outcome: null }
        : { ...handled.get(keyId)!, label: 'true_positive' },
    );
  }

  private async handle(keyId: string, report: ReportLeaks): Promise<Omit<LeakVerdict, 'label'>> {
    try {
      const { key, result: recorded } = await this.mutation.run(
        { keyId, actor: report.actor ?? SYSTEM_ACTOR },
        (k, at) => k.reportLeak(report.source, report.url ?? null, report.action, at),
      );
      const outcome = !recorded ? 'already_handled' : OUTCOME_OF[report.action];
      return { keyId, accountId: key.accountId, outcome };
    } catch (error) {
      // Deleted since the checkpoint listed it: nothing left to stop.
      if (!(error instanceof NotFoundError)) throw error;
      return { keyId, accountId: null, outcome: 'already_handled' };
    }
  }
}
