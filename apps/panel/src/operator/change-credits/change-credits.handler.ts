import { Injectable } from '@nestjs/common';
import { KeyServicePattern, KeyView, changeCreditsSchema } from '@keygate/contracts';
import { z } from 'zod';
import { KeyServiceClient } from '../../rpc/key-service.client';

/** PATCH …/keys/:keyId/credits: `{set, refill?}` or `{add}` (the key service checks them). */
export const changeCreditsBodySchema = changeCreditsSchema
  .innerType()
  .innerType()
  .omit({ accountId: true, keyId: true, actor: true });

export type ChangeCreditsBody = z.infer<typeof changeCreditsBodySchema>;

/**
 * Sets what a key may spend or tops it up, as the operator: an event in the key's stream, which
 * every gateway's admission step applies exactly once.
 */
@Injectable()
export class ChangeCreditsHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  async execute(
    accountId: string,
    keyId: string,
    body: unknown,
    ip: string,
  ): Promise<{ key: KeyView }> {
    const key = await this.keyService.call(KeyServicePattern.ChangeCredits, {
      ...(body as ChangeCreditsBody),
      accountId,
      keyId,
      actor: { type: 'operator', ip },
    });
    return { key };
  }
}
