import { Injectable } from '@nestjs/common';
import { IssuedKey, KeyServicePattern } from '@keygate/contracts';
import { z } from 'zod';
import { createKeyBodySchema } from '../../panel.schemas';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller, actorOf } from '../../sessions/panel-session.guard';

export type CreateKeyInput = z.infer<typeof createKeyBodySchema>;

/**
 * A user key in the caller's account, the caller recorded as its creator. The account comes from
 * the session, never from the body (whose schema has no accountId). The answer holds the secret:
 * the one time anyone sees it.
 */
@Injectable()
export class CreateKeyHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  execute(caller: PanelCaller, input: CreateKeyInput): Promise<IssuedKey> {
    return this.keyService.call(KeyServicePattern.CreateKey, {
      ...input,
      accountId: caller.session.accountId,
      actor: actorOf(caller),
    });
  }
}
