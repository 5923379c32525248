import { KeyServicePattern, PanelUserView, ValidationError } from '@keygate/contracts';
import { fakeKeyService } from '../../../test/fake-rpc';
import { recordingThrottle } from '../../../test/fake-login-throttle';
import { PanelAuthority } from '../panel-authority';
import { PanelSessions } from '../panel-sessions';
import { PasswordResetFor, PasswordResets } from '../password-resets';
import { RedeemPasswordResetHandler } from './redeem-password-reset.handler';

const OWNER: PasswordResetFor = { userId: 'usr_2', accountId: 'acc_1', email: 'b@x.io' };
const TOKEN = `kgr_${'a'.repeat(43)}`;

function setup(links: Map<string, PasswordResetFor>) {
  const steps: string[] = [];
  const resets = {
    peek: async (token: string) => links.get(token) ?? null,
    redeem: async (token: string) => {
      const owner = links.get(token) ?? null;
      links.delete(token);
      return owner;
    },
  } as unknown as PasswordResets;
  const throttle = recordingThrottle(steps);
  const authority = {
    changed: async (userId: string) => void steps.push(`authority ${userId}`),
  } as unknown as PanelAuthority;
  const sessions = {
    closeAllOf: async (userId: string) => void steps.push(`close ${userId}`),
  } as unknown as PanelSessions;
  const { fake, client } = fakeKeyService({
    [KeyServicePattern.SetPassword]: () => ({ id: OWNER.userId }) as PanelUserView,
  });
  const handler = new RedeemPasswordResetHandler(client, resets, throttle, authority, sessions);
  return { handler, fake, steps };
}

describe(RedeemPasswordResetHandler.name, () => {
  it('sets the password once and ends every session of the user', async () => {
    const links = new Map([[TOKEN, OWNER]]);
    const { handler, fake, steps } = setup(links);
    await handler.execute({ token: TOKEN, password: 'violet lantern orbit', ip: '192.0.2.1' });
    expect(fake.calls[0].request).toMatchObject({ userId: 'usr_2', via: 'reset' });
    expect(steps).toEqual(['succeeded', 'authority usr_2', 'close usr_2', 'end']);
    expect(links.size).toBe(0);
  });

  it('keeps the link for a weak password, and counts an unknown link as a failed attempt', async () => {
    const links = new Map([[TOKEN, OWNER]]);
    const { handler, fake, steps } = setup(links);
    await expect(
      handler.execute({ token: TOKEN, password: 'password123', ip: '192.0.2.1' }),
    ).rejects.toThrow(ValidationError);
    expect(links.size).toBe(1);
    await expect(
      handler.execute({ token: `kgr_${'b'.repeat(43)}`, password: 'violet lantern orbit', ip: '' }),
    ).rejects.toThrow('Invalid token');
    expect(fake.calls).toEqual([]);
    expect(steps).toEqual(['end', 'failed', 'end']);
  });
});
