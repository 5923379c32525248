import { Global, Module } from '@nestjs/common';
import { KeygateConfig, loadConfig } from './keygate-config';

export const KEYGATE_CONFIG = Symbol('KEYGATE_CONFIG');

@Global()
@Module({
  providers: [{ provide: KEYGATE_CONFIG, useFactory: (): KeygateConfig => loadConfig() }],
  exports: [KEYGATE_CONFIG],
})
export class ConfigModule {}
