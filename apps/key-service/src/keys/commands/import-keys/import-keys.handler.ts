import { Inject, Injectable } from '@nestjs/common';
import { KEYGATE_CONFIG, KeyServiceConfig } from '@keygate/config';
import {
  CLOCK,
  Clock,
  ConflictError,
  DomainError,
  FieldError,
  ImportedKeys,
  NotFoundError,
  ValidationError,
} from '@keygate/contracts';
import { REDIS, RedisClient, withRedisLock } from '@keygate/connections';
import {
  foreignHintOf,
  environmentOfSecret,
  hasValidFormat,
  hashSecret,
  hintOf,
  looksLikeKeygateSecret,
} from '@keygate/key-secret';
import { EVENT_STORE, EventStore } from '../../../event-store/event-store.port';
import { OutboxRelay } from '../../../outbox/outbox-relay';
import { ProjectionCheckpoint } from '../../../outbox/projection-checkpoint';
import { ReadModels } from '../../../read-models/read-models.repository';
import { newKeyId } from '../../../shared/ids';
import { ApiKey } from '../../../domain/api-key.aggregate';
import { ImportKeysCommand } from './import-keys.command';

/**
 * Brings keys made elsewhere into an account: every key is checked before anything is written
 * (400 naming each bad `keys[i].field`, 409 for a secret some key already has, from the
 * checkpoint's secret index), secrets are HMACed at once and never kept, and the KeyCreated
 * events (`imported: true`) are written in bulk as one import batch, published with the batch. The plan's user-key limit does not apply: the operator
 * decides. Imports are serialised, so two cannot bring in the same secret at once.
 */
@Injectable()
export class ImportKeysHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModels,
    private readonly checkpoint: ProjectionCheckpoint,
    private readonly relay: OutboxRelay,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(KEYGATE_CONFIG) private readonly config: KeyServiceConfig,
  ) {}

  execute(command: ImportKeysCommand): Promise<ImportedKeys> {
    const { accountId, keys } = command.input;
    return withRedisLock(
      this.redis,
      `${this.config.redisNamespace}:lock:key-import`,
      async () => {
        if (!(await this.readModels.findAccount(accountId)))
          throw new NotFoundError('Account', accountId);
        const now = this.clock.now();
        const hashes = keys.map(({ secret }) => hashSecret(secret, this.config.keyPepper));
        const aggregates = this.aggregatesOf(command, hashes, now);
        const taken = await this.checkpoint.takenSecretHashes(hashes);
        const clash = hashes.findIndex((hash) => taken.has(hash));
        if (clash >= 0)
          throw new ConflictError(`keys[${clash}].secret is already the secret of another key`);

        const batch = await this.store.appendImportBatch(
          aggregates.map((key) => ({
            streamId: key.streamId,
            expectedVersion: 0,
            accountId,
            actor: command.actor,
            events: key.takePendingEvents(),
          })),
        );
        await this.relay.publishImportBatch(batch);
        return {
          imported: aggregates.length,
          keys: aggregates.map((key) => ({ id: key.id, hint: key.hint })),
        };
      },
      { leaseMs: 120_000, waitMs: 60_000 },
    );
  }

  /** One aggregate per key, or a ValidationError naming every key that cannot be imported. */
  private aggregatesOf(command: ImportKeysCommand, hashes: string[], now: Date): ApiKey[] {
    const { accountId, keys } = command.input;
    const { keyPrefix } = this.config;
    const errors: FieldError[] = [];
    const firstWithHash = new Map<string, number>();
    const aggregates = keys.map((input, i) => {
      const field = `keys[${i}]`;
      if (
        looksLikeKeygateSecret(input.secret, keyPrefix) &&
        !hasValidFormat(input.secret, keyPrefix)
      )
        errors.push({
          field: `${field}.secret`,
          message: `starts like a Keygate key (${keyPrefix}_sk_ or ${keyPrefix}_test_) but its checksum does not match`,
        });
      const first = firstWithHash.get(hashes[i]);
      if (first !== undefined)
        errors.push({ field: `${field}.secret`, message: `is the same as keys[${first}].secret` });
      else firstWithHash.set(hashes[i], i);
      try {
        return ApiKey.importUserKey(
          {
            keyId: newKeyId(),
            accountId,
            name: input.name,
            type: input.type,
            // A Keygate test secret stays a test key; any other secret is live.
            environment: environmentOfSecret(input.secret, keyPrefix) ?? 'live',
            rules: input.rules,
            expiresAt: input.expiresAt,
            allowedHosts: input.allowedHosts,
            rateLimits: input.rateLimits,
            meta: input.meta,
            credits: input.credits,
            secretHash: hashes[i],
            hint: looksLikeKeygateSecret(input.secret, keyPrefix)
              ? hintOf(input.secret, keyPrefix)
              : foreignHintOf(input.secret),
          },
          now,
        );
      } catch (error) {
        if (!(error instanceof DomainError) || !error.fields) throw error;
        errors.push(
          ...error.fields.map((f) => ({ field: `${field}.${f.field}`, message: f.message })),
        );
        return new ApiKey();
      }
    });
    if (errors.length > 0) throw new ValidationError(errors);
    return aggregates;
  }
}
