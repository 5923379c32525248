import { Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import { parseInput } from '@keygate/contracts';
import { auditQuerySchema } from '../../panel.schemas';
import { PanelController } from '../../sessions/panel-controller';
import { Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { ListAuditEventsHandler } from './list-audit-events.handler';

@PanelController('panel/api/audit', 'Panel: audit')
export class ListAuditEventsController {
  constructor(private readonly listAuditEvents: ListAuditEventsHandler) {}

  @Get()
  @ApiOperation({
    operationId: 'listAuditEvents',
    summary: 'The account’s events, newest first: {events, nextCursor}',
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 200 },
  })
  @ApiQuery({ name: 'cursor', required: false, schema: { type: 'string' } })
  handle(@Caller() caller: PanelCaller, @Query() query: unknown) {
    return this.listAuditEvents.execute(caller, parseInput(auditQuerySchema, query));
  }
}
