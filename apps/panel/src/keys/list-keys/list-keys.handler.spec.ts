import { KeyView } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { UsageServiceClient } from '../../rpc/usage-service.client';
import { ListKeysHandler } from './list-keys.handler';

const key = (id: string) => ({ id, name: id }) as KeyView;

describe(ListKeysHandler.name, () => {
  const keyService = {
    call: async () => [key('key_a'), key('key_b')],
  } as unknown as KeyServiceClient;

  it('merges each key’s usage into its listing', async () => {
    const usage = {
      call: async () => [
        {
          keyId: 'key_a',
          lastUsedAt: '2026-11-29T10:00:00.000Z',
          callsLast30Days: 7,
          unusedFor30Days: false,
        },
      ],
    } as unknown as UsageServiceClient;
    expect(await new ListKeysHandler(keyService, usage).execute('acc_1')).toEqual([
      {
        ...key('key_a'),
        lastUsedAt: '2026-11-29T10:00:00.000Z',
        callsLast30Days: 7,
        unusedFor30Days: false,
      },
      { ...key('key_b'), lastUsedAt: null, callsLast30Days: null, unusedFor30Days: false },
    ]);
  });

  it('lists the keys without usage while the usage service is away', async () => {
    const usage = {
      call: async () => {
        throw new Error('No answer to usage.keys within 2000 ms');
      },
    } as unknown as UsageServiceClient;
    const listed = await new ListKeysHandler(keyService, usage).execute('acc_1');
    expect(listed.map((k) => [k.id, k.callsLast30Days])).toEqual([
      ['key_a', null],
      ['key_b', null],
    ]);
  });
});
