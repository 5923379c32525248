import { Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { PanelController } from '../panel-controller';
import { Caller, PanelCaller } from '../panel-session.guard';
import { ListSessionsHandler } from './list-sessions.handler';

@PanelController('panel/api/sessions', 'Panel: account and sessions')
export class ListSessionsController {
  constructor(private readonly listSessions: ListSessionsHandler) {}

  @Get()
  @ApiOperation({
    operationId: 'listSessions',
    summary:
      'Your open sessions: {sessions: [{id, createdAt, lastUsedAt, ip, userAgent, expiresAt, current}]}',
  })
  handle(@Caller() caller: PanelCaller) {
    return this.listSessions.execute(caller);
  }
}
