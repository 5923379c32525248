import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { KeyServicePattern, UnauthorizedError, parseInput } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { GithubPublicKeys } from '../github-public-keys';

/** GitHub's report: the tokens matching Keygate's pattern, where each was found. */
export const githubReportSchema = z
  .array(
    z.object({
      token: z.string().min(1).max(512),
      type: z.string().max(200),
      url: z.string().max(2048).optional(),
      source: z.string().max(200).optional(),
    }),
  )
  .min(1)
  .max(1000);

export interface GithubFeedback {
  token_hash: string;
  token_type: string;
  label: 'true_positive' | 'false_positive';
}

export interface SignedReport {
  rawBody: string | undefined;
  body: unknown;
  keyId: string | undefined;
  signature: string | undefined;
}

/**
 * GitHub's secret scanning partner contract: a report signed with one of GitHub's published
 * keys (checked over the raw body before anything else: a bad or missing signature is a 401 and
 * nothing is touched); each token that is a Keygate key's is handled (LEAK_ACTION) and labelled
 * a true positive, the others false positives; the tokens themselves are never kept.
 */
@Injectable()
export class GithubSecretScanningHandler {
  constructor(
    private readonly keys: GithubPublicKeys,
    private readonly keyService: KeyServiceClient,
    @Inject(KEYGATE_CONFIG) private readonly config: Pick<PanelConfig, 'leaks'>,
  ) {}

  async execute({ rawBody, body, keyId, signature }: SignedReport): Promise<GithubFeedback[]> {
    if (!rawBody || !keyId || !signature || !(await this.keys.verify(rawBody, keyId, signature)))
      throw new UnauthorizedError(
        'The report is not signed by one of GitHub’s secret scanning keys',
      );
    const report = parseInput(githubReportSchema, body);
    const first = report[0];
    const verdicts = await this.keyService.call(KeyServicePattern.ReportLeaks, {
      secrets: report.map((found) => found.token),
      source: `github${first.source ? `:${first.source}` : ''}`,
      url: first.url && /^https?:\/\//.test(first.url) ? first.url : null,
      action: this.config.leaks.action,
      actor: { type: 'system' },
    });
    return report.map((found, i) => ({
      token_hash: createHash('sha256').update(found.token).digest('hex'),
      token_type: found.type,
      label: verdicts[i].label,
    }));
  }
}
