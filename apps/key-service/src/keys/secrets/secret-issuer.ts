import { Inject, Injectable } from '@nestjs/common';
import { KEYGATE_CONFIG, KeyServiceConfig } from '@keygate/config';
import { KeyEnvironment } from '@keygate/contracts';
import { generateSecret, hashSecret, hintOf } from '@keygate/key-secret';

export interface IssuedSecret {
  /** Returned to the caller once, never stored, logged or put in an event. */
  secret: string;
  secretHash: string;
  hint: string;
}

@Injectable()
export class SecretIssuer {
  constructor(@Inject(KEYGATE_CONFIG) private readonly config: KeyServiceConfig) {}

  /** A secret whose head names the key's environment (`kg_sk_…` live, `kg_test_…` test). */
  issue(environment: KeyEnvironment = 'live'): IssuedSecret {
    const secret = generateSecret(this.config.keyPrefix, environment);
    return {
      secret,
      secretHash: hashSecret(secret, this.config.keyPepper),
      hint: hintOf(secret, this.config.keyPrefix),
    };
  }
}
