import { SYSTEM_ACTOR } from '@keygate/contracts';

/** Sent by the expiry job planned for `expiresAt`; a key whose expiry has moved ignores it. */
export class ExpireKeyCommand {
  readonly actor = SYSTEM_ACTOR;

  constructor(
    readonly keyId: string,
    readonly plannedFor: string,
  ) {}
}
