import { Injectable } from '@nestjs/common';
import { EventEnvelope, KEY_STREAM_PREFIX, KeyServicePattern } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller } from '../../sessions/panel-session.guard';

/** Event data never holds a secret, but hashes are no business of a panel user either. */
const HIDDEN_FIELDS = new Set(['secretHash', 'previousSecretHash']);

export interface AuditPage {
  limit: number;
  cursor?: string;
}

/** An event as the audit log shows it: who (a panel user by email too), what, when, from where. */
const auditEntry = (event: EventEnvelope, emailOf: Map<string, string>) => ({
  id: event.eventId,
  action: event.type,
  occurredAt: event.occurredAt,
  actor: {
    type: event.actor.type,
    id: event.actor.id ?? null,
    email: (event.actor.type === 'user' && event.actor.id && emailOf.get(event.actor.id)) || null,
  },
  ip: event.actor.ip ?? null,
  keyId: event.streamId.startsWith(KEY_STREAM_PREFIX)
    ? event.streamId.slice(KEY_STREAM_PREFIX.length)
    : null,
  data: Object.fromEntries(
    Object.entries(event.data as Record<string, unknown>).filter(([k]) => !HIDDEN_FIELDS.has(k)),
  ),
});

/**
 * The caller's account's audit log: its events, newest first, each panel user named by email as
 * well; `nextCursor` fetches the next page.
 */
@Injectable()
export class ListAuditEventsHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  async execute(caller: PanelCaller, { limit, cursor }: AuditPage) {
    const { accountId } = caller.session;
    const [page, users] = await Promise.all([
      this.keyService.call(KeyServicePattern.AccountEvents, {
        accountId,
        limit,
        cursor: cursor ?? null,
      }),
      this.keyService.call(KeyServicePattern.ListUsers, { accountId }),
    ]);
    const emailOf = new Map(users.map((user) => [user.id, user.email]));
    return {
      events: page.events.map((event) => auditEntry(event, emailOf)),
      nextCursor: page.nextCursor,
    };
  }
}
