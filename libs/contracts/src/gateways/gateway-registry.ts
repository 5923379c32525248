import { EventEnvelope, KEY_STREAM_PREFIX } from '../events';

/** A gateway missing this many heartbeats in a row is gone. */
export const GATEWAY_GONE_AFTER_HEARTBEATS = 3;

/** How long a revocation's record (when, and which gateways applied it) is kept. */
export const REVOCATION_RECORD_SECONDS = 30 * 86_400;

/**
 * What a gateway tells of itself in Redis, at every heartbeat: who and where it is, the stream
 * position it has applied and how many keys it holds.
 */
export interface GatewayPresence {
  id: string;
  host: string;
  pid: number;
  /** When the process started (ms). */
  startedAt: number;
  /** When it last loaded the projection checkpoint (ms): it holds every change made before. */
  loadedAt: number | null;
  /** The last event stream entry it applied. */
  position: string;
  keysHeld: number;
  heartbeatAt: number;
  heartbeatMs: number;
}

/**
 * The gateways' registry in Redis, under KEYGATE_REDIS_NAMESPACE, on one hash tag: a sorted set
 * of gateway ids by last heartbeat, a hash per gateway, and a hash per revoked key (when it was
 * revoked, and when each gateway applied it).
 */
export function gatewayRegistryKeys(namespace: string) {
  const tag = `${namespace}:{gateways}`;
  return {
    index: tag,
    gateway: (id: string) => `${tag}:gw:${id}`,
    revocation: (keyId: string) => `${tag}:revoked:${keyId}`,
  };
}

/** The revocation hash's field for when the key was revoked (gateways' fields are their ids). */
export const REVOKED_AT_FIELD = 'revokedAt';

export function presenceFields(presence: GatewayPresence): Record<string, string> {
  return {
    id: presence.id,
    host: presence.host,
    pid: String(presence.pid),
    startedAt: String(presence.startedAt),
    loadedAt: presence.loadedAt === null ? '' : String(presence.loadedAt),
    position: presence.position,
    keysHeld: String(presence.keysHeld),
    heartbeatAt: String(presence.heartbeatAt),
    heartbeatMs: String(presence.heartbeatMs),
  };
}

/** A presence read back; null for a hash that is gone or not one. */
export function presenceOf(fields: Record<string, string>): GatewayPresence | null {
  if (!fields.id || !fields.heartbeatAt) return null;
  return {
    id: fields.id,
    host: fields.host ?? '',
    pid: Number(fields.pid ?? 0),
    startedAt: Number(fields.startedAt ?? 0),
    loadedAt: fields.loadedAt ? Number(fields.loadedAt) : null,
    position: fields.position ?? '0-0',
    keysHeld: Number(fields.keysHeld ?? 0),
    heartbeatAt: Number(fields.heartbeatAt),
    heartbeatMs: Number(fields.heartbeatMs ?? 1000),
  };
}

export function isLive(presence: GatewayPresence, nowMs: number): boolean {
  return nowMs - presence.heartbeatAt <= GATEWAY_GONE_AFTER_HEARTBEATS * presence.heartbeatMs;
}

/** The key an event stops from being accepted for good (revoked, revoked as leaked, deleted). */
export function revokedKeyOf(event: EventEnvelope): string | null {
  if (!event.streamId.startsWith(KEY_STREAM_PREFIX)) return null;
  const leakRevoked =
    event.type === 'KeyLeaked' && (event.data as { action?: string }).action === 'revoke';
  if (event.type !== 'KeyRevoked' && event.type !== 'KeyDeleted' && !leakRevoked) return null;
  return event.streamId.slice(KEY_STREAM_PREFIX.length);
}

/** Where one gateway stands with one revocation. */
export interface GatewayConfirmation {
  id: string;
  host: string;
  status: 'confirmed' | 'pending';
  /** When it applied the revocation (or loaded a checkpoint holding it), ISO 8601; null: pending. */
  appliedAt: string | null;
}

/** Whether every live gateway refuses a revoked key. */
export interface RevocationPropagation {
  confirmed: boolean;
  revokedAt: string;
  gateways: GatewayConfirmation[];
}

/**
 * Where the live gateways stand with the revocation at `revokedAtMs`: a gateway confirmed it
 * when it applied its stream entry (`applied`: gateway id → ms) or loaded a checkpoint after it;
 * gone gateways serve nothing and are left out. With no live gateway, nothing serves the key.
 */
export function revocationPropagation(
  gateways: readonly GatewayPresence[],
  applied: Readonly<Record<string, number>>,
  revokedAtMs: number,
  nowMs: number,
): RevocationPropagation {
  const confirmations = gateways
    .filter((gateway) => isLive(gateway, nowMs))
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((gateway): GatewayConfirmation => {
      const at =
        applied[gateway.id] ??
        (gateway.loadedAt !== null && gateway.loadedAt >= revokedAtMs ? gateway.loadedAt : null);
      return {
        id: gateway.id,
        host: gateway.host,
        status: at === null ? 'pending' : 'confirmed',
        appliedAt: at === null ? null : new Date(at).toISOString(),
      };
    });
  return {
    confirmed: confirmations.every((gateway) => gateway.status === 'confirmed'),
    revokedAt: new Date(revokedAtMs).toISOString(),
    gateways: confirmations,
  };
}

/** A gateway as the Operator API lists it. */
export interface GatewayView {
  id: string;
  host: string;
  pid: number;
  live: boolean;
  startedAt: string;
  lastHeartbeatAt: string;
  /** The last event stream entry it applied, and how far (ms) it is behind the stream's last. */
  position: string;
  lagMs: number;
  keysHeld: number;
}

/** `lagMs`: how far `position` is behind the stream's last entry, from the two ids' times. */
export function gatewayView(
  presence: GatewayPresence,
  lastEntry: string | null,
  nowMs: number,
): GatewayView {
  const msOf = (id: string) => Number(id.split('-')[0]);
  return {
    id: presence.id,
    host: presence.host,
    pid: presence.pid,
    live: isLive(presence, nowMs),
    startedAt: new Date(presence.startedAt).toISOString(),
    lastHeartbeatAt: new Date(presence.heartbeatAt).toISOString(),
    position: presence.position,
    lagMs: lastEntry === null ? 0 : Math.max(0, msOf(lastEntry) - msOf(presence.position)),
    keysHeld: presence.keysHeld,
  };
}
