import { KeyServiceConfig } from '@keygate/config';
import { ConflictError, SYSTEM_ACTOR, ValidationError } from '@keygate/contracts';
import { ManualClock } from '@keygate/testing';
import { Secret, TOTP } from 'otpauth';
import { inMemoryRepository, storeAccount } from '../../../../test/in-memory-event-store';
import { PanelUserDocument } from '../../panel-user.schema';
import { PanelUsersRepository } from '../../panel-users.repository';
import { UserAudit } from '../../user-audit';
import { TwoFactorHandler } from './two-factor.handler';

const NOW = new Date('2026-12-06T12:00:00.000Z');
const config = {
  keyPepper: Buffer.from('a pepper of enough length for the spec'),
} as KeyServiceConfig;

/**
 * The users' second-factor fields in memory, with the repository's conditional updates. A read
 * answers a copy, as the database does: what a handler loaded does not change under it.
 */
function secondFactorStore(user: PanelUserDocument) {
  return {
    withSecondFactor: async () => ({ ...user }),
    setPendingTotp: async (_id: string, sealed: string | null) => void (user.pendingTotp = sealed),
    enableTotp: async (_id: string, secret: string, lastStep: number, codes: string[]) => {
      Object.assign(user, { totp: { secret, lastStep }, pendingTotp: null, recoveryCodes: codes });
    },
    disableTotp: async () => void Object.assign(user, { totp: null, recoveryCodes: [] }),
    useTotpStep: async (_id: string, step: number) =>
      step > (user.totp?.lastStep ?? Infinity) && ((user.totp!.lastStep = step), true),
    useRecoveryCode: async (_id: string, hash: string) => {
      const before = user.recoveryCodes?.length ?? 0;
      user.recoveryCodes = (user.recoveryCodes ?? []).filter((h) => h !== hash);
      return user.recoveryCodes.length < before;
    },
  } as unknown as PanelUsersRepository;
}

async function setup() {
  const { store, repository, relay } = inMemoryRepository();
  const clock = new ManualClock(NOW);
  await storeAccount(repository, clock.now());
  const user: PanelUserDocument = {
    _id: 'u_1',
    accountId: 'acc_1',
    email: 'u_1@acme.test',
    passwordHash: 'scrypt$x',
    role: 'admin',
    status: 'active',
    createdAt: NOW,
  };
  const handler = new TwoFactorHandler(
    secondFactorStore(user),
    new UserAudit(repository, relay),
    clock,
    config,
  );
  const ref = { accountId: 'acc_1', userId: 'u_1', actor: SYSTEM_ACTOR };
  return { store, user, handler, clock, ref };
}

const codeAt = (secret: string, ms: number) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: ms });

describe(TwoFactorHandler.name, () => {
  it('enrols on a confirmed code, then takes each code and recovery code once', async () => {
    const { store, user, handler, clock, ref } = await setup();
    const { secret } = await handler.begin(ref);
    expect(user.pendingTotp).not.toContain(secret);
    await expect(handler.confirm({ ...ref, code: '000000' })).rejects.toThrow(ValidationError);
    const { recoveryCodes } = await handler.confirm({
      ...ref,
      code: codeAt(secret, NOW.getTime()),
    });
    expect(recoveryCodes).toHaveLength(10);
    expect(store.appendedTypes.at(-1)).toBe('account-acc_1: PanelUserTwoFactorChanged');
    await expect(handler.begin(ref)).rejects.toThrow(ConflictError);

    // The confirm's code is spent; the next step's works once.
    expect(await handler.verify({ ...ref, code: codeAt(secret, NOW.getTime()) })).toEqual({
      verified: false,
    });
    clock.advance(30_000);
    const next = codeAt(secret, clock.now().getTime());
    expect(await handler.verify({ ...ref, code: next })).toEqual({ verified: true });
    expect(await handler.verify({ ...ref, code: next })).toEqual({ verified: false });
    expect(await handler.verify({ ...ref, recoveryCode: recoveryCodes[3] })).toEqual({
      verified: true,
    });
    expect(await handler.verify({ ...ref, recoveryCode: recoveryCodes[3] })).toEqual({
      verified: false,
    });

    const off = await handler.disable({ ...ref, recoveryCode: recoveryCodes[4] });
    expect(user.totp).toBeNull();
    expect(off.twoFactor).toBe(false);
    expect(await handler.verify({ ...ref, recoveryCode: recoveryCodes[5] })).toEqual({
      verified: false,
    });
  });
});
