import { Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { ClientAddress, SESSION_COOKIE } from '@keygate/http';
import { sameSecret } from '@keygate/key-secret';
import { ForbiddenError, UnauthorizedError } from '@keygate/contracts';
import { PanelAuthority } from './panel-authority';
import { PanelSession, PanelSessions } from './panel-sessions';
import { cookieOf } from './session-cookie';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What a session may do while its account requires a second factor the user has not set up. */
const ENROLMENT_ROUTES = new Set([
  'GET /panel/api/session',
  'POST /panel/api/session/two-factor',
  'POST /panel/api/session/two-factor/confirm',
  'POST /panel/api/logout',
]);
const API_KEY_SHAPE = /^[a-z][a-z0-9]{0,9}_(sk|test)_/;

export interface PanelCaller {
  session: PanelSession;
  token: string;
  ip: string;
}

/**
 * Who calls a Panel route: a panel session only, `Authorization: Bearer <session>` or the
 * HttpOnly session cookie, which must come with the session's X-CSRF-Token on anything but a
 * read. API keys are refused here, as sessions are on /api/*. A session whose user's authority
 * changed since it was opened (PanelAuthority) is ended and refused.
 */
@Injectable()
export class SessionAuthenticator {
  constructor(
    private readonly sessions: PanelSessions,
    private readonly authority: PanelAuthority,
    private readonly clientAddress: ClientAddress,
  ) {}

  async authenticate(request: FastifyRequest): Promise<PanelCaller> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const cookie = cookieOf(request.headers.cookie, SESSION_COOKIE);
    const token = bearer ?? cookie;
    if (!token)
      throw new UnauthorizedError(
        'Log in first: send Authorization: Bearer <session> or the session cookie',
      );
    if (API_KEY_SHAPE.test(token) || request.headers['x-auth-token'] || request.headers['api-key'])
      throw new UnauthorizedError('API keys are not accepted on the Panel; log in with a session');
    const session = await this.sessions.find(token);
    if (!session) throw new UnauthorizedError('The session is unknown or expired; log in again');
    if ((session.authority ?? 0) !== (await this.authority.generationOf(session.userId))) {
      await this.sessions.close(token);
      throw new UnauthorizedError('Your access changed since this session opened; log in again');
    }
    if (!bearer && !SAFE_METHODS.has(request.method)) {
      const csrf = request.headers['x-csrf-token'];
      if (typeof csrf !== 'string' || !sameSecret(csrf, session.csrfToken))
        throw new ForbiddenError('A session cookie needs the X-CSRF-Token of its session');
    }
    if (session.enrolOnly && !ENROLMENT_ROUTES.has(`${request.method} ${request.routeOptions.url}`))
      throw new ForbiddenError(
        'This account requires two-factor sign-in: turn it on first (POST /panel/api/session/two-factor)',
      );
    await this.sessions.touch(token, session.userId);
    return { session, token, ip: this.clientAddress.of(request) };
  }
}
