import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { jsonSchemaOf } from '../http/api-docs';
import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { KEYGATE_CONFIG, KeygateConfig } from '@keygate/config';
import {
  AccountView,
  CLOCK,
  Clock,
  KeyServicePattern,
  PanelUserView,
  parseInput,
} from '@keygate/contracts';
import { ClientAddress } from '@keygate/http';
import { UnauthorizedError } from '@keygate/contracts';
import { KeyServiceClient } from '../rpc/key-service.client';
import { loginBodySchema, signupBodySchema } from '../panel.schemas';
import { LoginThrottle } from '../sessions/login-throttle';
import { Caller, PanelCaller, PanelSessionRequired } from '../sessions/panel-session.guard';
import { PanelSessions } from '../sessions/panel-sessions';
import { PasswordHasher } from '../sessions/password-hasher';
import { SignupThrottle } from './signup-throttle';
import { clearSessionCookie, setSessionCookie } from '../sessions/session-cookie';

/** Sign-up, login, logout and the current session. */
@ApiTags('Panel: account and sessions')
@Controller('panel/api')
export class PanelAccountController {
  constructor(
    private readonly keyService: KeyServiceClient,
    private readonly sessions: PanelSessions,
    private readonly throttle: LoginThrottle,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(KEYGATE_CONFIG) private readonly config: KeygateConfig,
    private readonly clientAddress: ClientAddress,
    private readonly signups: SignupThrottle,
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
    const ip = this.clientAddress.of(request);
    await this.signups.take(ip);
    const signedUp = await this.keyService.call(KeyServicePattern.Signup, {
      email: input.email,
      passwordHash: await PasswordHasher.hash(input.password),
      accountName: input.accountName,
      actor: { type: 'user', ip },
    });
    const opened = await this.openSession(signedUp.user, request, reply);
    reply.status(201);
    return {
      account: signedUp.account,
      user: signedUp.user,
      ...opened,
      applicationKeys: signedUp.applicationKeys.map(({ key, secret }) => ({
        id: key.id,
        name: key.name,
        kind: key.kind,
        access: key.access,
        hint: key.hint,
        secret,
      })),
    };
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
    const { email, password } = parseInput(loginBodySchema, body);
    const ip = this.clientAddress.of(request);
    const attempt = await this.throttle.begin(email, ip);
    const user = await this.keyService.call(KeyServicePattern.UserCredentials, { email });
    const valid = user
      ? await PasswordHasher.verify(password, user.passwordHash)
      : await PasswordHasher.burn(password).then(() => false);
    if (!user || !valid) {
      await attempt.failed();
      throw new UnauthorizedError('Wrong email or password');
    }
    await attempt.succeeded();
    const { passwordHash: _hash, ...view } = user;
    const account = await this.accountOf(view.accountId);
    return { ...(await this.openSession(view, request, reply)), user: view, account };
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

  private async openSession(user: PanelUserView, request: FastifyRequest, reply: FastifyReply) {
    const { token, session } = await this.sessions.open(
      { userId: user.id, accountId: user.accountId, email: user.email, role: user.role },
      this.clock.now(),
    );
    setSessionCookie(
      request,
      reply,
      token,
      this.config.panel.sessionTtlSeconds,
      this.config.panel.publicUrl,
    );
    return { session: token, expiresAt: session.expiresAt, csrfToken: session.csrfToken };
  }

  private accountOf(accountId: string): Promise<AccountView> {
    return this.keyService.call(KeyServicePattern.GetAccount, { accountId });
  }
}
