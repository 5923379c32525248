import { Inject, Injectable, Logger } from '@nestjs/common';
import { IntrospectionQuery, getIntrospectionQuery } from 'graphql';
import { request } from 'undici';
import { CLOCK, Clock } from '@keygate/contracts';
import { KEYGATE_CONFIG, GatewayConfig } from '@keygate/config';
import { readAtMost } from '../edge/body-limit';
import { ContentSchema } from './content-schema';

const INTROSPECTION = JSON.stringify({ query: getIntrospectionQuery() });
const LOAD_TIMEOUT_MS = 2_000;
const LARGEST_SCHEMA_BYTES = 8 * 1024 * 1024;
/** After a failed load, the next is tried no sooner than this (the schema kept meanwhile). */
export const RETRY_FAILED_AFTER_MS = 10_000;
const FORCED_RELOAD_EVERY_MS = 5_000;
const ACCOUNTS_KEPT = 10_000;

interface Entry {
  /** The last schema that loaded; null while none ever has. */
  schema: ContentSchema | null;
  loadedAt: number;
  /** When a load last started, whatever came of it: failed loads are spaced out by this. */
  attemptedAt: number;
  loading: Promise<ContentSchema | null> | null;
}

/**
 * Each account's GraphQL schema as the upstream serves it (a multi-tenant content API has one per
 * account: its content types), loaded by introspection on the account's first GraphQL call and
 * reloaded after UPSTREAM_GRAPHQL_SCHEMA_TTL_SECONDS, or sooner when a query names a field the
 * schema does not have. It fails closed: a load that fails never replaces the last good schema
 * (a caller who can make introspection fail, or time out, gains nothing), and while no schema has
 * ever loaded, null tells the caller to refuse what needs one.
 */
@Injectable()
export class UpstreamSchemas {
  private readonly logger = new Logger(UpstreamSchemas.name);
  private readonly entries = new Map<string, Entry>();
  private readonly url: string;
  private readonly ttlMs: number;
  private unavailableLogged = false;

  constructor(
    @Inject(KEYGATE_CONFIG) config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const upstream = new URL(config.upstreamUrl ?? 'http://127.0.0.1:3100');
    this.url = `${upstream.origin}${upstream.pathname.replace(/\/$/, '')}/api/graphql`;
    this.ttlMs = config.upstream.graphqlSchemaTtlSeconds * 1000;
  }

  /** The account's schema: cached; a stale one is served while a fresh one loads. */
  async forAccount(accountId: string): Promise<ContentSchema | null> {
    const entry = this.entries.get(accountId);
    if (!entry) return this.load(accountId);
    const now = this.clock.now().getTime();
    const mayRetry = now - entry.attemptedAt >= RETRY_FAILED_AFTER_MS;
    if (entry.schema === null) return mayRetry ? this.load(accountId) : (entry.loading ?? null);
    if (now - entry.loadedAt > this.ttlMs && mayRetry) void this.load(accountId);
    return entry.schema;
  }

  /**
   * Loads the account's schema again now (at most every few seconds), for a field it lacks; if
   * that load fails, answers the schema it had.
   */
  async reload(accountId: string): Promise<ContentSchema | null> {
    const entry = this.entries.get(accountId);
    if (entry && this.clock.now().getTime() - entry.attemptedAt < FORCED_RELOAD_EVERY_MS)
      return entry.loading ?? entry.schema;
    return this.load(accountId);
  }

  private load(accountId: string): Promise<ContentSchema | null> {
    const entry = this.entries.get(accountId);
    if (entry?.loading) return entry.loading;
    const attemptedAt = this.clock.now().getTime();
    const loading = this.introspect(accountId).then((loaded) => {
      const kept = this.entries.get(accountId) ?? entry;
      const next: Entry = loaded
        ? { schema: loaded, loadedAt: this.clock.now().getTime(), attemptedAt, loading: null }
        : {
            schema: kept?.schema ?? null,
            loadedAt: kept?.loadedAt ?? 0,
            attemptedAt,
            loading: null,
          };
      this.remember(accountId, next);
      return next.schema;
    });
    this.remember(accountId, {
      schema: entry?.schema ?? null,
      loadedAt: entry?.loadedAt ?? 0,
      attemptedAt,
      loading,
    });
    return loading;
  }

  private remember(accountId: string, entry: Entry): void {
    this.entries.delete(accountId);
    if (this.entries.size >= ACCOUNTS_KEPT) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(accountId, entry);
  }

  private async introspect(accountId: string): Promise<ContentSchema | null> {
    try {
      const answer = await request(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-keygate-account': accountId },
        body: INTROSPECTION,
        headersTimeout: LOAD_TIMEOUT_MS,
        bodyTimeout: LOAD_TIMEOUT_MS,
      });
      if (answer.statusCode !== 200) {
        await answer.body.dump();
        throw new Error(`introspection answered ${answer.statusCode}`);
      }
      const text = await readAtMost(answer.body, LARGEST_SCHEMA_BYTES);
      if (!text) throw new Error(`the schema is larger than ${LARGEST_SCHEMA_BYTES} bytes`);
      const result = JSON.parse(text.toString('utf8')) as { data?: IntrospectionQuery };
      if (!result?.data?.__schema) throw new Error('introspection answered no schema');
      const schema = ContentSchema.fromIntrospection(result.data);
      if (this.unavailableLogged) this.logger.log(`GraphQL schema loaded again from ${this.url}`);
      this.unavailableLogged = false;
      return schema;
    } catch (error) {
      if (!this.unavailableLogged)
        this.logger.warn(
          `GraphQL schema could not be loaded from ${this.url} (${(error as Error).message}): ` +
            'the last schema that loaded is used, and without one only keys that read every type may call GraphQL',
        );
      this.unavailableLogged = true;
      return null;
    }
  }
}
