import { KeyServiceHarnessOf, testEnv } from '@keygate/testing';
import { KeyServiceModule } from '../src/key-service.module';

/** A running key service on real Redis and the Mongo-wire server (libs/testing's harness). */
export class KeyServiceHarness extends KeyServiceHarnessOf {
  constructor(env: Record<string, string> = testEnv()) {
    super(KeyServiceModule, env);
  }
}
