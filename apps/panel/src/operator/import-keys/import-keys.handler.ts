import { Injectable } from '@nestjs/common';
import { ImportKeysDto, KeyServicePattern, importKeysSchema } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';

export const importKeysBodySchema = importKeysSchema.omit({ accountId: true, actor: true });

// Validating, hashing and writing 5,000 keys takes seconds on a small Mongo-wire server.
const IMPORT_TIMEOUT_MS = 120_000;

/**
 * Imports keys into an account, all or nothing. The body is checked by the key service with the
 * same schema, so one 400 names every bad `keys[i].field`; the account and the actor (the
 * operator, from this address) are written over anything the body says of them.
 */
@Injectable()
export class ImportKeysHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  execute(accountId: string, body: object, ip: string) {
    return this.keyService.call(
      KeyServicePattern.ImportKeys,
      {
        ...(body as Pick<ImportKeysDto, 'keys'>),
        accountId,
        actor: { type: 'operator', ip },
      },
      IMPORT_TIMEOUT_MS,
    );
  }
}
