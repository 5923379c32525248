import 'reflect-metadata';
import { INestApplicationContext, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  AppConfigLoader,
  BackgroundServiceConfig,
  HttpServerConfig,
  SharedConfig,
  processConfig,
} from '@keygate/config';
import { ErrorCode } from '@keygate/contracts';
import { redisTransport } from './rpc';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

export const logLevelsUpTo = (level: SharedConfig['logLevel']): LogLevel[] =>
  LEVELS.slice(0, LEVELS.indexOf(level) + 1);

/**
 * Fastify's server settings from the configuration: header and whole-request timeouts (Node
 * answers 408), keep-alive, and trust in X-Forwarded-* only from TRUSTED_PROXIES (so
 * `request.protocol` is https behind a TLS-terminating proxy). Node checks the timeouts every
 * `connectionsCheckingInterval`, 30 s by default: too coarse for a 10 s header timeout.
 */
export function httpServerOptions(config: HttpServerConfig) {
  const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs } = config.http;
  return {
    requestTimeout: requestTimeoutMs,
    keepAliveTimeout: keepAliveTimeoutMs,
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    // A URL Fastify's router cannot decode never reaches a route: answer it in Keygate's shape.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const code =
        error.code === 'FST_ERR_BAD_URL' ? ErrorCode.INVALID_PATH : ErrorCode.VALIDATION_FAILED;
      void reply
        .status(400)
        .header('content-type', 'application/json; charset=utf-8')
        .send({ success: false, error: { code, message: 'The request path is not accepted' } });
    },
    http: {
      headersTimeout: Math.min(headersTimeoutMs, requestTimeoutMs),
      requestTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, headersTimeoutMs),
    },
  };
}

/**
 * SIGTERM or SIGINT closes the app (each module's shutdown hook: the gateway's last replay of
 * buffered counts, queues, connections) and exits. A hook waiting on something unreachable
 * (Redis, Mongo) cannot hold the process: past `timeoutMs` it exits anyway, with code 1.
 */
export function stopOnSignals(app: INestApplicationContext, timeoutMs: number): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const deadline = setTimeout(() => {
      console.error(`not stopped ${timeoutMs} ms after ${signal}: exiting anyway`);
      process.exit(1);
    }, timeoutMs);
    app.close().then(
      () => {
        clearTimeout(deadline);
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

const failed = (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
};

/** Starts an HTTP app (the gateway, the Panel) on Fastify, on the port its configuration gives. */
export function runHttpApp<C extends SharedConfig & HttpServerConfig>(
  module: unknown,
  options: {
    /** The app's configuration loader, the one its root module gives ConfigModule.forApp. */
    config: AppConfigLoader<C>;
    port: (config: C) => number;
    configure?: (app: NestFastifyApplication) => void;
    bodyParser?: boolean;
  },
): void {
  const start = async () => {
    const config = processConfig(options.config);
    const app = await NestFactory.create<NestFastifyApplication>(
      module as never,
      new FastifyAdapter(httpServerOptions(config)),
      { logger: logLevelsUpTo(config.logLevel), bodyParser: options.bodyParser ?? true },
    );
    stopOnSignals(app, config.shutdownTimeoutMs);
    options.configure?.(app);
    await app.listen(options.port(config), '0.0.0.0');
  };
  start().catch(failed);
}

/**
 * Starts an RPC service (key service, usage service) on the Redis transport; it listens on HTTP
 * only for health checks (HEALTH_PORT).
 */
export function runRpcService<C extends SharedConfig & BackgroundServiceConfig>(
  module: unknown,
  options: { config: AppConfigLoader<C> },
): void {
  const start = async () => {
    const config = processConfig(options.config);
    const app = await NestFactory.create<NestFastifyApplication>(
      module as never,
      new FastifyAdapter(),
      { logger: logLevelsUpTo(config.logLevel) },
    );
    stopOnSignals(app, config.shutdownTimeoutMs);
    app.connectMicroservice(redisTransport(config.redisUrl), { inheritAppConfig: true });
    await app.startAllMicroservices();
    if (config.healthPort !== null) await app.listen(config.healthPort, '0.0.0.0');
    else await app.init();
  };
  start().catch(failed);
}
