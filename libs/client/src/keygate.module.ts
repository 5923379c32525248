import { DynamicModule, Module } from '@nestjs/common';
import { KeygateClient, KeygateClientOptions } from './keygate-client';
import { KEYGATE_CLIENT, KeygateGuard } from './keygate.guard';

/** `KeygateModule.forRoot({gatewayUrl, verifyToken})`, then `@UseGuards(KeygateGuard)` on routes. */
@Module({})
export class KeygateModule {
  static forRoot(options: KeygateClientOptions): DynamicModule {
    return {
      module: KeygateModule,
      providers: [{ provide: KEYGATE_CLIENT, useValue: new KeygateClient(options) }, KeygateGuard],
      exports: [KEYGATE_CLIENT, KeygateGuard],
    };
  }
}
