import { KeyServicePattern, LeakVerdict } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { ReportLeaksHandler } from './report-leaks.handler';

describe(ReportLeaksHandler.name, () => {
  it('hands the report on with the deployment’s LEAK_ACTION, as the operator', async () => {
    const sent: unknown[] = [];
    const verdicts: LeakVerdict[] = [
      { keyId: 'key_1', accountId: 'acc_1', label: 'true_positive', outcome: 'notified' },
    ];
    const keyService = {
      call: async (pattern: string, request: unknown) => {
        sent.push({ pattern, request });
        return verdicts;
      },
    } as unknown as KeyServiceClient;
    const handler = new ReportLeaksHandler(keyService, {
      leaks: { action: 'notify', githubKeysUrl: 'http://127.0.0.1/keys' },
    });
    const answer = await handler.execute({ secrets: ['s-1'], source: 'gitleaks' }, '192.0.2.1');
    expect(answer).toEqual({ results: verdicts });
    expect(sent).toEqual([
      {
        pattern: KeyServicePattern.ReportLeaks,
        request: {
          secrets: ['s-1'],
          source: 'gitleaks',
          action: 'notify',
          actor: { type: 'operator', ip: '192.0.2.1' },
        },
      },
    ]);
  });
});
