import { Inject, Injectable } from '@nestjs/common';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { KeyServicePattern } from '@keygate/contracts';
import { z } from 'zod';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { withPlan } from '../plan-view';

export const changePlanBodySchema = z
  .object({ plan: z.string().min(1, 'must name a plan').max(50) })
  .strict();

/**
 * Moves an account to another plan (the key service refuses a plan it does not know). The change
 * is an event: every gateway applies the new plan's access and quota from it.
 */
@Injectable()
export class ChangePlanHandler {
  constructor(
    private readonly keyService: KeyServiceClient,
    @Inject(KEYGATE_CONFIG) private readonly config: Pick<PanelConfig, 'plans'>,
  ) {}

  async execute(accountId: string, plan: string, ip: string) {
    const account = await this.keyService.call(KeyServicePattern.ChangePlan, {
      accountId,
      plan,
      actor: { type: 'operator', ip },
    });
    return withPlan(account, this.config.plans);
  }
}
