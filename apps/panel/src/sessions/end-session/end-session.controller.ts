import { Delete, HttpCode, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { PanelController } from '../panel-controller';
import { Caller, PanelCaller } from '../panel-session.guard';
import { EndSessionHandler } from './end-session.handler';

@PanelController('panel/api/sessions', 'Panel: account and sessions')
export class EndSessionController {
  constructor(private readonly endSession: EndSessionHandler) {}

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'endSession', summary: 'End one of your sessions (404: not yours)' })
  async handle(@Caller() caller: PanelCaller, @Param('id') sessionId: string) {
    await this.endSession.execute(caller, sessionId);
  }
}
