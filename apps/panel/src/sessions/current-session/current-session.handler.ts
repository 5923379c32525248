import { Injectable } from '@nestjs/common';
import { KeyServicePattern } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller } from '../panel-session.guard';

/**
 * The session's user as the session holds it (with whether they have two-factor sign-in), and the
 * account as it is now (plan included). Read from the account's users, never from the user's
 * credentials: a page load has no use for the password's hash, even on the RPC transport.
 */
@Injectable()
export class CurrentSessionHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  async execute({ session }: PanelCaller) {
    const [account, users] = await Promise.all([
      this.keyService.call(KeyServicePattern.GetAccount, { accountId: session.accountId }),
      this.keyService.call(KeyServicePattern.ListUsers, { accountId: session.accountId }),
    ]);
    const self = users.find((user) => user.id === session.userId);
    return {
      user: {
        id: session.userId,
        accountId: session.accountId,
        email: session.email,
        role: session.role,
        twoFactor: self?.twoFactor ?? false,
      },
      account,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
      // The account requires two-factor sign-in and this user has none yet: enrol first.
      ...(session.enrolOnly && { twoFactorEnrolmentRequired: true as const }),
    };
  }
}
