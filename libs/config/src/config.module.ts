import { Global, Module } from '@nestjs/common';
import { KeygateConfig, loadConfig } from './keygate-config';

export const KEYGATE_CONFIG = Symbol('KEYGATE_CONFIG');

let loaded: KeygateConfig | undefined;

/** This process's configuration, read from its environment once (main.ts and the modules share it). */
export function processConfig(): KeygateConfig {
  return (loaded ??= loadConfig());
}

@Global()
@Module({
  providers: [{ provide: KEYGATE_CONFIG, useFactory: processConfig }],
  exports: [KEYGATE_CONFIG],
})
export class ConfigModule {}
