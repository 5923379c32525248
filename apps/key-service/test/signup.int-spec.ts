import { ErrorCode, KeyServicePattern, SignedUpAccount } from '@keygate/contracts';
import { PANEL_USER_COLLECTION } from '../src/panel-users/panel-user.schema';
import { KeyServiceHarness } from './key-service.harness';

const HASH = `scrypt$16384$8$1$${'a'.repeat(22)}$${'b'.repeat(43)}`;

describe('sign-up in the key service: all or nothing', () => {
  const harness = new KeyServiceHarness();

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  const users = () => harness.mongo.collection(PANEL_USER_COLLECTION);

  it('opens the account with its admin, and keeps only the hash', async () => {
    const signedUp = await harness.send<SignedUpAccount>(KeyServicePattern.Signup, {
      email: 'Owner@Example.com',
      passwordHash: HASH,
      accountName: 'Signup',
    });
    expect(signedUp.user).toMatchObject({ email: 'owner@example.com', role: 'admin' });
    expect(signedUp.user.accountId).toBe(signedUp.account.id);
    expect(signedUp.applicationKeys).toHaveLength(4); // a live pair and a test pair
    expect(JSON.stringify(signedUp)).not.toContain(HASH);
    const stored = await users().findOne({ email: 'owner@example.com' });
    expect(stored).toMatchObject({ status: 'active', passwordHash: HASH });
  });

  it('leaves no user behind when the account cannot be opened, so the email stays free', async () => {
    const error = await harness.errorOf(KeyServicePattern.Signup, {
      email: 'halfway@example.com',
      passwordHash: HASH,
      accountName: 'Halfway',
      plan: 'gold',
    });
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(await users().countDocuments({ email: 'halfway@example.com' })).toBe(0);
    const later = await harness.send<SignedUpAccount>(KeyServicePattern.Signup, {
      email: 'halfway@example.com',
      passwordHash: HASH,
      accountName: 'Halfway',
    });
    expect(later.user.email).toBe('halfway@example.com');
  });

  it('lets a sign-up that died half-way (pending for a minute) be taken over', async () => {
    await users().insertOne({
      _id: 'usr_crashed' as never,
      accountId: 'acc_never_opened',
      email: 'crashed@example.com',
      passwordHash: HASH,
      role: 'admin',
      status: 'pending',
      createdAt: new Date(harness.clock.now().getTime() - 120_000),
    });
    const credentials = await harness.send(KeyServicePattern.UserCredentials, {
      email: 'crashed@example.com',
    });
    expect(credentials).toBeNull(); // a pending user cannot log in
    const signedUp = await harness.send<SignedUpAccount>(KeyServicePattern.Signup, {
      email: 'crashed@example.com',
      passwordHash: HASH,
      accountName: 'Second try',
    });
    expect(signedUp.account.name).toBe('Second try');
    const duplicate = await harness.errorOf(KeyServicePattern.Signup, {
      email: 'crashed@example.com',
      passwordHash: HASH,
      accountName: 'Third try',
    });
    expect(duplicate.code).toBe(ErrorCode.CONFLICT);
  });
});
