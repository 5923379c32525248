import { PanelConfig } from '@keygate/config';
import { KeyServicePattern, NotFoundError, PanelUserView } from '@keygate/contracts';
import { fakeKeyService, panelActor, panelCaller } from '../../../test/fake-rpc';
import { PasswordResets } from '../../sessions/password-resets';
import { IssuePasswordResetHandler } from './issue-password-reset.handler';

const config = { panel: { publicUrl: 'https://panel.example/' } } as PanelConfig;

describe(IssuePasswordResetHandler.name, () => {
  it('records the reset in the caller’s account, then makes a link on the Panel’s address', async () => {
    const user = { id: 'usr_2', accountId: 'acc_1', email: 'b@x.io' } as PanelUserView;
    const { fake, client } = fakeKeyService({
      [KeyServicePattern.RecordPasswordReset]: () => user,
    });
    const issuedFor: unknown[] = [];
    const resets = {
      issue: async (owner: unknown) => (
        issuedFor.push(owner),
        { token: 'kgr_t', expiresAt: '2026-12-06T13:00:00.000Z' }
      ),
    } as unknown as PasswordResets;
    expect(
      await new IssuePasswordResetHandler(client, resets, config).execute(panelCaller(), 'usr_2'),
    ).toEqual({
      resetUrl: 'https://panel.example/panel#reset=kgr_t',
      token: 'kgr_t',
      expiresAt: '2026-12-06T13:00:00.000Z',
    });
    expect(fake.calls[0].request).toEqual({
      accountId: 'acc_1',
      userId: 'usr_2',
      actor: panelActor,
    });
    expect(issuedFor).toEqual([{ userId: 'usr_2', accountId: 'acc_1', email: 'b@x.io' }]);
  });

  it('makes no link for a user of another account', async () => {
    const { client } = fakeKeyService({
      [KeyServicePattern.RecordPasswordReset]: () => {
        throw new NotFoundError('User', 'usr_9');
      },
    });
    const resets = {
      issue: async () => {
        throw new Error('no link expected');
      },
    } as unknown as PasswordResets;
    await expect(
      new IssuePasswordResetHandler(client, resets, config).execute(panelCaller(), 'usr_9'),
    ).rejects.toThrow(NotFoundError);
  });
});
