import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { KeyServicePattern, LeakVerdict, reportLeaksSchema } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';

/** POST /operator/api/leaks: `{secrets, source, url?}` from any scanner. */
export const reportLeaksBodySchema = reportLeaksSchema.omit({ action: true, actor: true });

/** Secrets another scanner found exposed, handled as GitHub's reports are (LEAK_ACTION). */
@Injectable()
export class ReportLeaksHandler {
  constructor(
    private readonly keyService: KeyServiceClient,
    @Inject(KEYGATE_CONFIG) private readonly config: Pick<PanelConfig, 'leaks'>,
  ) {}

  async execute(
    report: z.infer<typeof reportLeaksBodySchema>,
    ip: string,
  ): Promise<{ results: LeakVerdict[] }> {
    const results = await this.keyService.call(KeyServicePattern.ReportLeaks, {
      ...report,
      action: this.config.leaks.action,
      actor: { type: 'operator', ip },
    });
    return { results };
  }
}
