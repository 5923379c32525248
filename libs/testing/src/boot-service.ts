import { INestMicroservice, Provider } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { CONFIG_ENV, HttpServerConfig, KEYGATE_CONFIG } from '@keygate/config';
import { httpServerOptions, redisTransport } from '@keygate/connections';

export interface ProviderOverride {
  provide: string | symbol | (abstract new (...args: never[]) => unknown);
  useValue: unknown;
}

/**
 * Boots a service module as it runs in production (Redis RPC transport): its own configuration
 * loader (ConfigModule.forApp) reads the test's environment.
 */
export async function bootRpcService(
  module: new (...args: never[]) => unknown,
  env: Record<string, string>,
  overrides: ProviderOverride[] = [],
): Promise<INestMicroservice> {
  let builder = Test.createTestingModule({ imports: [module as Provider as never] })
    .overrideProvider(CONFIG_ENV)
    .useValue(env);
  for (const override of overrides)
    builder = builder.overrideProvider(override.provide).useValue(override.useValue);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestMicroservice(redisTransport(env.REDIS_URL));
  app.useLogger(['error']);
  app.enableShutdownHooks();
  await app.listen();
  return app;
}

/** Boots an HTTP service module on Fastify on a free loopback port, as its main.ts would. */
export async function bootHttpService(
  module: new (...args: never[]) => unknown,
  env: Record<string, string>,
  options: {
    bodyParser?: boolean;
    configure?: (app: NestFastifyApplication) => void;
    overrides?: ProviderOverride[];
  } = {},
): Promise<{ app: NestFastifyApplication; url: string }> {
  let builder = Test.createTestingModule({ imports: [module as Provider as never] })
    .overrideProvider(CONFIG_ENV)
    .useValue(env);
  for (const override of options.overrides ?? [])
    builder = builder.overrideProvider(override.provide).useValue(override.useValue);
  const moduleRef = await builder.compile();
  // The server settings from the configuration the app itself loaded, as runHttpApp does.
  const config = moduleRef.get<HttpServerConfig>(KEYGATE_CONFIG, { strict: false });
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    new FastifyAdapter(httpServerOptions(config)),
    {
      bodyParser: options.bodyParser ?? true,
    },
  );
  app.useLogger(['error']);
  app.enableShutdownHooks();
  options.configure?.(app);
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl().then((u) => u.replace('[::1]', '127.0.0.1')) };
}
