import { Delete } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { PanelController } from '../panel-controller';
import { Caller, PanelCaller } from '../panel-session.guard';
import { EndOtherSessionsHandler } from './end-other-sessions.handler';

@PanelController('panel/api/sessions', 'Panel: account and sessions')
export class EndOtherSessionsController {
  constructor(private readonly endOthers: EndOtherSessionsHandler) {}

  @Delete()
  @ApiOperation({
    operationId: 'endOtherSessions',
    summary: 'End all your sessions but this one: {ended}',
  })
  handle(@Caller() caller: PanelCaller) {
    return this.endOthers.execute(caller);
  }
}
