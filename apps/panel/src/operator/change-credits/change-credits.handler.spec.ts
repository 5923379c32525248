import { KeyServicePattern, KeyView } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { ChangeCreditsHandler } from './change-credits.handler';

describe(ChangeCreditsHandler.name, () => {
  it('asks the key service for the change as the operator, the ids from the path', async () => {
    const sent: unknown[] = [];
    const keyService = {
      call: async (pattern: string, request: unknown) => {
        sent.push({ pattern, request });
        return { id: 'key_1' } as KeyView;
      },
    } as unknown as KeyServiceClient;
    const answer = await new ChangeCreditsHandler(keyService).execute(
      'acc_1',
      'key_1',
      { add: 50, accountId: 'acc_other' },
      '192.0.2.9',
    );
    expect(answer).toEqual({ key: { id: 'key_1' } });
    expect(sent).toEqual([
      {
        pattern: KeyServicePattern.ChangeCredits,
        request: {
          add: 50,
          accountId: 'acc_1',
          keyId: 'key_1',
          actor: { type: 'operator', ip: '192.0.2.9' },
        },
      },
    ]);
  });
});
