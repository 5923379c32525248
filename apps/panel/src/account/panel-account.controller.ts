import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { jsonSchemaOf } from '../http/api-docs';
import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { KEYGATE_CONFIG, KeygateConfig } from '@keygate/config';
import { AccountView, KeyServicePattern, parseInput } from '@keygate/contracts';
import { ClientAddress } from '@keygate/http';
import { KeyServiceClient } from '../rpc/key-service.client';
import { loginBodySchema, signupBodySchema } from '../panel.schemas';
import { LoginHandler } from '../sessions/login/login.handler';
import { Caller, PanelCaller, PanelSessionRequired } from '../sessions/panel-session.guard';
import { PanelSessions } from '../sessions/panel-sessions';
import { SignupHandler } from './signup/signup.handler';
import { clearSessionCookie, setSessionCookie } from '../sessions/session-cookie';

/** Sign-up, login, logout and the current session: HTTP only (parsing, the cookie); the work is in the handlers. */
@ApiTags('Panel: account and sessions')
@Controller('panel/api')
export class PanelAccountController {
  constructor(
    private readonly keyService: KeyServiceClient,
    private readonly sessions: PanelSessions,
    private readonly signupHandler: SignupHandler,
    private readonly loginHandler: LoginHandler,
    @Inject(KEYGATE_CONFIG) private readonly config: KeygateConfig,
    private readonly clientAddress: ClientAddress,
  ) {}

  @Post('signup')
  @ApiOperation({
    summary: 'Open an account with its admin; shows the application keys’ secrets once',
  })
  @ApiBody({ schema: jsonSchemaOf(signupBodySchema) })
  @ApiResponse({
    status: 201,
    description: '{account, user, session, csrfToken, expiresAt, applicationKeys}',
  })
  async signup(
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const input = parseInput(signupBodySchema, body);
    const signedUp = await this.signupHandler.execute({
      ...input,
      ip: this.clientAddress.of(request),
    });
    this.setCookie(request, reply, signedUp.session);
    reply.status(201);
    return signedUp;
  }

  @Post('login')
  @ApiOperation({ summary: 'Log in: a session token (Bearer) and an HttpOnly cookie' })
  @ApiBody({ schema: jsonSchemaOf(loginBodySchema) })
  @ApiResponse({ status: 200, description: '{session, user, account, csrfToken, expiresAt}' })
  @HttpCode(200)
  async login(
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const input = parseInput(loginBodySchema, body);
    const loggedIn = await this.loginHandler.execute({
      ...input,
      ip: this.clientAddress.of(request),
    });
    this.setCookie(request, reply, loggedIn.session);
    return loggedIn;
  }

  @Post('logout')
  @ApiBearerAuth('session')
  @ApiOperation({ summary: 'End this session' })
  @ApiResponse({ status: 204, description: 'Logged out' })
  @HttpCode(204)
  @PanelSessionRequired()
  async logout(@Caller() caller: PanelCaller, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.sessions.close(caller.token);
    clearSessionCookie(reply);
  }

  /** Who is logged in, for a page that holds only the HttpOnly cookie. */
  @Get('session')
  @ApiBearerAuth('session')
  @ApiOperation({ summary: 'The logged-in user, account and CSRF token' })
  @PanelSessionRequired()
  async session(@Caller() caller: PanelCaller) {
    const { session } = caller;
    return {
      user: {
        id: session.userId,
        accountId: session.accountId,
        email: session.email,
        role: session.role,
      },
      account: await this.accountOf(session.accountId),
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
    };
  }

  private setCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
    const { panel, publicUrl } = this.config;
    setSessionCookie(request, reply, token, panel.sessionTtlSeconds, [panel.publicUrl, publicUrl]);
  }

  private accountOf(accountId: string): Promise<AccountView> {
    return this.keyService.call(KeyServicePattern.GetAccount, { accountId });
  }
}
