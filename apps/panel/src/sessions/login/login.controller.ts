import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { parseInput } from '@keygate/contracts';
import { ClientAddress } from '@keygate/http';
import { jsonSchemaOf } from '../../http/api-docs';
import { loginBodySchema } from '../../panel.schemas';
import { SessionCookies } from '../session-cookie';
import { LoginHandler } from './login.handler';

@ApiTags('Panel: account and sessions')
@Controller('panel/api/login')
export class LoginController {
  constructor(
    private readonly login: LoginHandler,
    private readonly cookies: SessionCookies,
    private readonly clientAddress: ClientAddress,
  ) {}

  @Post()
  @ApiOperation({
    operationId: 'login',
    summary: 'Log in: a session token (Bearer) and an HttpOnly cookie',
  })
  @ApiBody({ schema: jsonSchemaOf(loginBodySchema) })
  @ApiResponse({
    status: 200,
    description:
      '{session, user, account, csrfToken, expiresAt}; with two-factor sign-in {twoFactorRequired: true, challenge, expiresAt} (POST /panel/api/login/two-factor next)',
  })
  @HttpCode(200)
  async handle(
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const loggedIn = await this.login.execute({
      ...parseInput(loginBodySchema, body),
      ip: this.clientAddress.of(request),
      userAgent: String(request.headers['user-agent'] ?? ''),
    });
    if ('session' in loggedIn) this.cookies.set(request, reply, loggedIn.session);
    return loggedIn;
  }
}
