import { Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { PanelController } from '../panel-controller';
import { Caller, PanelCaller } from '../panel-session.guard';
import { CurrentSessionHandler } from './current-session.handler';

/** Who is logged in, for a page that holds only the HttpOnly cookie. */
@PanelController('panel/api/session', 'Panel: account and sessions')
export class CurrentSessionController {
  constructor(private readonly currentSession: CurrentSessionHandler) {}

  @Get()
  @ApiOperation({
    operationId: 'getCurrentSession',
    summary: 'The logged-in user, account and CSRF token',
  })
  handle(@Caller() caller: PanelCaller) {
    return this.currentSession.execute(caller);
  }
}
