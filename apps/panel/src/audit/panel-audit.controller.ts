import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  EventEnvelope,
  KEY_STREAM_PREFIX,
  KeyServicePattern,
  parseInput,
} from '@keygate/contracts';
import { KeyServiceClient } from '../rpc/key-service.client';
import { auditQuerySchema } from '../panel.schemas';
import { Caller, PanelCaller, PanelSessionRequired } from '../sessions/panel-session.guard';

/** Event data never holds a secret, but hashes are no business of a panel user either. */
const HIDDEN_FIELDS = new Set(['secretHash', 'previousSecretHash']);

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

/** The account's audit log (its events, newest first); `nextCursor` fetches the next page. */
@ApiTags('Panel: audit')
@ApiBearerAuth('session')
@Controller('panel/api/audit')
@PanelSessionRequired()
export class PanelAuditController {
  constructor(private readonly keyService: KeyServiceClient) {}

  @Get()
  @ApiOperation({ summary: 'The account’s events, newest first: {events, nextCursor}' })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 200 },
  })
  @ApiQuery({ name: 'cursor', required: false, schema: { type: 'string' } })
  async list(@Caller() caller: PanelCaller, @Query() query: unknown) {
    const { limit, cursor } = parseInput(auditQuerySchema, query);
    const page = await this.keyService.call(KeyServicePattern.AccountEvents, {
      accountId: caller.session.accountId,
      limit,
      cursor: cursor ?? null,
    });
    return { events: page.events.map(auditEntry), nextCursor: page.nextCursor };
  }
}
