import { Injectable } from '@nestjs/common';
import { KeyServicePattern, PanelUserView } from '@keygate/contracts';
import { z } from 'zod';
import { addUserBodySchema } from '../../panel.schemas';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller, actorOf } from '../../sessions/panel-session.guard';
import { PasswordHasher } from '../../sessions/password-hasher';
import { assertStrongPassword } from '../../sessions/password-policy';

export type AddUserInput = z.infer<typeof addUserBodySchema>;

/**
 * A new panel user in the caller's account. The password is hashed here: the key service, its
 * events and its read models only ever hold the scrypt hash.
 */
@Injectable()
export class AddUserHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  async execute(
    caller: PanelCaller,
    { email, password, role }: AddUserInput,
  ): Promise<PanelUserView> {
    assertStrongPassword(password, [email]);
    return this.keyService.call(KeyServicePattern.AddUser, {
      accountId: caller.session.accountId,
      email,
      passwordHash: await PasswordHasher.hash(password),
      role,
      actor: actorOf(caller),
    });
  }
}
