import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { parseInput } from '@keygate/contracts';
import { ClientAddress } from '@keygate/http';
import { jsonSchemaOf } from '../../http/api-docs';
import { loginTwoFactorBodySchema } from '../../panel.schemas';
import { SessionCookies } from '../session-cookie';
import { LoginTwoFactorHandler } from './login-two-factor.handler';

@ApiTags('Panel: account and sessions')
@Controller('panel/api/login/two-factor')
export class LoginTwoFactorController {
  constructor(
    private readonly loginTwoFactor: LoginTwoFactorHandler,
    private readonly cookies: SessionCookies,
    private readonly clientAddress: ClientAddress,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'loginTwoFactor',
    summary:
      'A login’s second step: {challenge, code} or {challenge, recoveryCode}; a session as login answers',
  })
  @ApiBody({ schema: jsonSchemaOf(loginTwoFactorBodySchema) })
  @ApiResponse({ status: 200, description: '{session, user, account, csrfToken, expiresAt}' })
  async handle(
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { challenge, ...factor } = parseInput(loginTwoFactorBodySchema, body);
    const signedIn = await this.loginTwoFactor.execute(challenge, factor, {
      ip: this.clientAddress.of(request),
      userAgent: String(request.headers['user-agent'] ?? ''),
    });
    this.cookies.set(request, reply, signedIn.session);
    return signedIn;
  }
}
