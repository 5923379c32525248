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

const auditEntry = (event: EventEnvelope) => ({
  id: event.eventId,
  action: event.type,
  occurredAt: event.occurredAt,
  actor: { type: event.actor.type, id: event.actor.id ?? null },
  ip: event.actor.ip ?? null,
  keyId: event.streamId.startsWith(KEY_STREAM_PREFIX)
    ? event.streamId.slice(KEY_STREAM_PREFIX.length)
    : null,
  data: Object.fromEntries(
    Object.entries(event.data as Record<string, unknown>).filter(([k]) => !HIDDEN_FIELDS.has(k)),
  ),
});

/** The caller's account's audit log: its events, newest first; `nextCursor` fetches the next page. */
@Injectable()
export class ListAuditEventsHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  async execute(caller: PanelCaller, { limit, cursor }: AuditPage) {
    const page = await this.keyService.call(KeyServicePattern.AccountEvents, {
      accountId: caller.session.accountId,
      limit,
      cursor: cursor ?? null,
    });
    return { events: page.events.map(auditEntry), nextCursor: page.nextCursor };
  }
}
