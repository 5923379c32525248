import { Injectable } from '@nestjs/common';
import {
  KeyServicePattern,
  KeyUsageSummary,
  KeyView,
  UsageServicePattern,
} from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { UsageServiceClient } from '../../rpc/usage-service.client';
import { PanelCaller } from '../../sessions/panel-session.guard';

export type ListedKey = KeyView & {
  lastUsedAt: string | null;
  callsLast30Days: number | null;
  unusedFor30Days: boolean;
  /** Credits left and the next refill (null: unlimited, or the usage service did not answer). */
  creditsLeft: KeyUsageSummary['credits'];
};

/** How long a key listing waits for the usage service before listing the keys without usage. */
const USAGE_WAIT_MS = 2000;

/**
 * The caller's account's keys as the Panel lists them: from the key service, each with its last use and
 * calls in 30 days from the usage service. The keys are listed even while the usage service is
 * away (usage null).
 */
@Injectable()
export class ListKeysHandler {
  constructor(
    private readonly keyService: KeyServiceClient,
    private readonly usage: UsageServiceClient,
  ) {}

  async execute(caller: PanelCaller): Promise<ListedKey[]> {
    const { accountId } = caller.session;
    const [keys, usage] = await Promise.all([
      this.keyService.call(KeyServicePattern.ListKeys, { accountId }),
      this.usage
        .call(UsageServicePattern.KeysUsage, { accountId }, USAGE_WAIT_MS)
        .catch(() => [] as KeyUsageSummary[]),
    ]);
    const usageOf = new Map(usage.map((summary) => [summary.keyId, summary]));
    return keys.map((key) => ({
      ...key,
      lastUsedAt: usageOf.get(key.id)?.lastUsedAt ?? null,
      callsLast30Days: usageOf.get(key.id)?.callsLast30Days ?? null,
      unusedFor30Days: usageOf.get(key.id)?.unusedFor30Days ?? false,
      creditsLeft: usageOf.get(key.id)?.credits ?? null,
    }));
  }
}
