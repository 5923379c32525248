import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfigLoader } from './app-configs';

export const KEYGATE_CONFIG = Symbol('KEYGATE_CONFIG');
/** The environment an app's configuration is read from: process.env, or a test's own. */
export const CONFIG_ENV = Symbol('CONFIG_ENV');

const loaded = new Map<AppConfigLoader<unknown>, unknown>();

/** This process's configuration for one app, read from its environment once (main.ts and the modules share it). */
export function processConfig<C>(load: AppConfigLoader<C>): C {
  if (!loaded.has(load)) loaded.set(load, load(process.env));
  return loaded.get(load) as C;
}

/**
 * KEYGATE_CONFIG for every module of one app: the app's root module imports
 * `ConfigModule.forApp(loadGatewayConfig)` (or its own loader); others may import ConfigModule
 * to say they read it.
 */
@Global()
@Module({})
export class ConfigModule {
  static forApp<C>(load: AppConfigLoader<C>): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [
        { provide: CONFIG_ENV, useValue: process.env },
        {
          provide: KEYGATE_CONFIG,
          useFactory: (env: NodeJS.ProcessEnv) =>
            env === process.env ? processConfig(load) : load(env),
          inject: [CONFIG_ENV],
        },
      ],
      exports: [KEYGATE_CONFIG],
    };
  }
}
