import { HttpCode, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { PanelController } from '../panel-controller';
import { Caller, PanelCaller } from '../panel-session.guard';
import { SessionCookies } from '../session-cookie';
import { LogoutHandler } from './logout.handler';

@PanelController('panel/api/logout', 'Panel: account and sessions')
export class LogoutController {
  constructor(
    private readonly logout: LogoutHandler,
    private readonly cookies: SessionCookies,
  ) {}

  @Post()
  @ApiOperation({ operationId: 'logout', summary: 'End this session' })
  @ApiResponse({ status: 204, description: 'Logged out' })
  @HttpCode(204)
  async handle(@Caller() caller: PanelCaller, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.logout.execute(caller);
    this.cookies.clear(reply);
  }
}
