import 'reflect-metadata';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { KeygateConfig, loadConfig } from '@keygate/config';
import { redisTransport } from './rpc';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

export const logLevelsUpTo = (level: KeygateConfig['logLevel']): LogLevel[] =>
  LEVELS.slice(0, LEVELS.indexOf(level) + 1);

/**
 * Starts one Keygate service on Fastify. `rpc` services also join the Redis RPC transport and
 * listen on HTTP only for health checks (HEALTH_PORT); `http` services listen on PORT.
 */
export function runService(
  module: unknown,
  kind: 'rpc' | 'http',
  options: { configure?: (app: NestFastifyApplication) => void; bodyParser?: boolean } = {},
): void {
  const start = async () => {
    const config = loadConfig();
    const app = await NestFactory.create<NestFastifyApplication>(
      module as never,
      new FastifyAdapter(),
      { logger: logLevelsUpTo(config.logLevel), bodyParser: options.bodyParser ?? true },
    );
    app.enableShutdownHooks();
    options.configure?.(app);
    if (kind === 'http') {
      await app.listen(config.port, '0.0.0.0');
      return;
    }
    app.connectMicroservice(redisTransport(config.redisUrl), { inheritAppConfig: true });
    await app.startAllMicroservices();
    if (config.healthPort !== null) await app.listen(config.healthPort, '0.0.0.0');
    else await app.init();
  };
  start().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
