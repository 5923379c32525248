import { INestMicroservice } from '@nestjs/common';
import { IncomingHttpHeaders, Server, request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { ClientProxy } from '@nestjs/microservices';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Connection } from 'mongoose';
import { IssuedKey, OpenedAccount, checkpointKeys } from '@keygate/contracts';
import {
  connectMongo,
  createRedis,
  createRpcClient,
  RedisClient,
  sendRpc,
} from '@keygate/connections';
import { QuotaLedger } from '@keygate/usage';
import { join } from 'node:path';
import { ProviderOverride, bootHttpService, bootRpcService } from './boot-service';
import { startEchoUpstream } from './echo-upstream';
import { waitFor } from './event-stream.reader';
import { createKey, openAccount } from './key-service-commands';
import { releaseStores } from './release-stores';
import { testEnv } from './test-env';

type AppModule = new (...args: never[]) => unknown;

/** What a system harness needs of a gateway's projection. */
export interface HeldProjection {
  ready(): Promise<void>;
  readonly streamPosition: string;
}

/** The apps a system harness runs, given by the caller (libs never import apps). */
export interface SystemApps<P extends HeldProjection> {
  keyService: AppModule;
  usageService: AppModule;
  gateway: AppModule;
  panel: AppModule;
  configureGateway: (app: NestFastifyApplication) => void;
  configurePanel: (app: NestFastifyApplication) => void;
  projectionOf: (gateway: NestFastifyApplication) => P;
}

export interface RunningPanel {
  app: NestFastifyApplication;
  url: string;
}

export interface RunningGatewayOf<P extends HeldProjection> {
  app: NestFastifyApplication;
  url: string;
  projection: P;
}

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * The whole system in one test process, as it runs in production: the key service on the Redis
 * RPC transport, one or more gateways on real ports, real Redis and Mongo-wire server, and an
 * echo upstream. System specs (test/) may use several apps; app specs stay inside their app.
 */
/** How long stopping a gateway waits for open connections before cutting them. */
const STOP_GRACE_MS = 5_000;

export class SystemHarnessOf<P extends HeldProjection> {
  keyService!: INestMicroservice;
  usageService: INestMicroservice | null = null;
  readonly gateways: RunningGatewayOf<P>[] = [];
  /** The Panel app (Panel page and API, Operator API, /docs). */
  panel!: RunningPanel;
  client!: ClientProxy;
  redis!: RedisClient;
  mongo!: Connection;
  env!: Record<string, string>;
  private closeUpstream: (() => Promise<void>) | null = null;

  constructor(
    private readonly apps: SystemApps<P>,
    private readonly overrides: Record<string, string> = {},
    private readonly options: {
      usageService?: boolean;
      /** `echo` answers every call with what it received; `sample` is examples/sample-upstream. */
      upstream?: 'echo' | 'sample';
      /** Providers the key service gets instead of its own (a ManualClock, say). */
      keyServiceOverrides?: ProviderOverride[];
    } = {},
  ) {}

  async start(gatewayCount = 1): Promise<this> {
    const upstream =
      this.options.upstream === 'sample' ? await startSampleUpstream() : await startEchoUpstream();
    this.closeUpstream = upstream.close;
    this.env = testEnv({ UPSTREAM_URL: upstream.url, ...this.overrides });
    this.keyService = await bootRpcService(
      this.apps.keyService,
      this.env,
      this.options.keyServiceOverrides,
    );
    if (this.options.usageService)
      this.usageService = await bootRpcService(this.apps.usageService, this.env);
    this.client = createRpcClient(this.env.REDIS_URL);
    await this.client.connect();
    this.redis = createRedis(this.env.REDIS_URL, 'system-test');
    this.mongo = await connectMongo(this.env.MONGO_URL);
    for (let i = 0; i < gatewayCount; i++) await this.startGateway();
    this.panel = await this.startPanel();
    return this;
  }

  /**
   * A Panel app; with `env` or `overrides`, one configured otherwise than `this.panel` (stop it
   * after).
   */
  startPanel(
    env: Record<string, string> = {},
    overrides: ProviderOverride[] = [],
  ): Promise<RunningPanel> {
    return bootHttpService(
      this.apps.panel,
      { ...this.env, ...env },
      { bodyParser: false, overrides, configure: this.apps.configurePanel },
    );
  }

  async startGateway(
    env: Record<string, string> = {},
    overrides: ProviderOverride[] = [],
  ): Promise<RunningGatewayOf<P>> {
    const { app, url } = await bootHttpService(
      this.apps.gateway,
      { ...this.env, ...env },
      {
        bodyParser: false,
        overrides,
        configure: this.apps.configureGateway,
      },
    );
    const projection = this.apps.projectionOf(app);
    await projection.ready();
    const gateway = { app, url, projection };
    this.gateways.push(gateway);
    return gateway;
  }

  /** The checkpoint under another stream's names, as if the key service kept it for that stream. */
  async copyCheckpoint(stream: string): Promise<void> {
    const from = checkpointKeys(this.env.KEYGATE_EVENT_STREAM);
    const to = checkpointKeys(stream);
    for (const name of ['keys', 'accounts', 'position'] as const)
      await this.redis.copy(from[name], to[name], 'REPLACE');
  }

  /** A key service in place of one the spec closed (same environment, same store). */
  async restartKeyService(): Promise<void> {
    this.keyService = await bootRpcService(
      this.apps.keyService,
      this.env,
      this.options.keyServiceOverrides,
    );
  }

  /**
   * Closes a gateway as SIGTERM would, letting calls in flight finish; connections still open
   * after STOP_GRACE_MS (a test's deliberately stalled sockets, say) are cut, so one suite's
   * leftovers can never keep its services alive, answering the next suite's RPCs.
   */
  async stopGateway(gateway: RunningGatewayOf<P>): Promise<void> {
    const server = gateway.app.getHttpServer() as Server;
    const cut = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS);
    try {
      await gateway.app.close();
    } finally {
      clearTimeout(cut);
    }
    this.gateways.splice(this.gateways.indexOf(gateway), 1);
  }

  async stop(): Promise<void> {
    for (const gateway of [...this.gateways]) await this.stopGateway(gateway);
    await this.panel?.app.close();
    await this.usageService?.close();
    await this.keyService?.close();
    await releaseStores({
      client: this.client,
      mongo: this.mongo,
      redis: this.redis,
      eventStream: this.env?.KEYGATE_EVENT_STREAM,
    });
    await this.closeUpstream?.();
  }

  /** The call ledger the gateways of this system count in (its KEYGATE_REDIS_NAMESPACE). */
  ledger(): QuotaLedger {
    return new QuotaLedger(this.redis, this.env.KEYGATE_REDIS_NAMESPACE);
  }

  send<T>(pattern: string, payload: unknown = {}): Promise<T> {
    return sendRpc<T>(this.client, pattern, payload, 10_000);
  }

  openAccount(name = 'Acme', plan?: string): Promise<OpenedAccount> {
    return openAccount((pattern, payload) => this.send(pattern, payload), name, plan);
  }

  createKey(accountId: string, extra: Record<string, unknown> = {}): Promise<IssuedKey> {
    return createKey((pattern, payload) => this.send(pattern, payload), accountId, extra);
  }

  /**
   * A call to `target`, by default the app that serves the path: the Panel app for /panel,
   * /operator and /docs, the first gateway for everything else. Answers are whatever JSON the
   * app or the upstream sent; specs assert on their shape.
   */
  async call(
    path: string,
    options: CallOptions = {},
    target?: { url: string },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ): Promise<{ status: number; headers: Headers; body: any }> {
    const app = target ?? (CONTROL_PLANE_PATH.test(path) ? this.panel : this.gateways[0]);
    const response = await fetch(app.url + path, {
      method: options.method ?? 'GET',
      headers: options.headers,
      body: options.body,
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body };
  }

  /** The account's calls left, as a metered read with this key reports them (the read counts one). */
  async remainingCalls(secret: string): Promise<number> {
    const { headers } = await this.call('/api/v1/content/product', { headers: withKey(secret) });
    return Number(headers.get('ratelimit-remaining'));
  }

  /** Resolves once every gateway's projection has caught up with the stream's last entry. */
  async gatewaysCaughtUp(): Promise<void> {
    const [last] = (await this.redis.xrevrange(
      this.env.KEYGATE_EVENT_STREAM,
      '+',
      '-',
      'COUNT',
      1,
    )) as Array<[string, string[]]>;
    if (!last) return;
    await waitFor(
      () => this.gateways.every((g) => g.projection.streamPosition === last[0]),
      5000,
      5,
    );
  }
}

const CONTROL_PLANE_PATH = /^\/(panel|operator|docs)(\/|\?|-|$)/;

/** examples/sample-upstream (Flotiq's content API, in memory) on a free loopback port. */
async function startSampleUpstream(): Promise<{ url: string; close: () => Promise<void> }> {
  const { createSampleUpstream } = require(
    join(__dirname, '../../../examples/sample-upstream/server'),
  ) as {
    createSampleUpstream: () => Server;
  };
  const server = createSampleUpstream();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const withKey = (secret: string) => ({ 'X-AUTH-TOKEN': secret });

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * A call whose request target goes out exactly as written (fetch would resolve `..` and
 * re-encode), as an attacker's client sends it.
 */
export function rawCall(
  gatewayUrl: string,
  path: string,
  options: CallOptions = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(gatewayUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: hostname,
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
      },
      (answer) => {
        let text = '';
        answer.setEncoding('utf8');
        answer.on('data', (chunk) => (text += chunk));
        answer.on('end', () => {
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}
