import { KeyServicePattern } from '@keygate/contracts';
import { fakeKeyService } from '../../../test/fake-rpc';
import { ImportKeysHandler } from './import-keys.handler';

describe(ImportKeysHandler.name, () => {
  it('sends the keys for the account in the path, the operator as actor, whatever the body says', async () => {
    const imported = { imported: 1, keys: [{ id: 'key_1', hint: 'legacy…0001' }] };
    const { fake, client } = fakeKeyService({ [KeyServicePattern.ImportKeys]: () => imported });
    const keys = [{ name: 'legacy', secret: 'legacy-secret-0000000001' }];
    const answer = await new ImportKeysHandler(client).execute(
      'acc_9',
      { keys, accountId: 'acc_other', actor: { type: 'system' } },
      '198.51.100.4',
    );
    expect(answer).toBe(imported);
    expect(fake.calls).toEqual([
      {
        pattern: KeyServicePattern.ImportKeys,
        request: { keys, accountId: 'acc_9', actor: { type: 'operator', ip: '198.51.100.4' } },
      },
    ]);
  });
});
