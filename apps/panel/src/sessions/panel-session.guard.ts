import {
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
  applyDecorators,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';
import { ClientAddress } from '@keygate/http';
import { sameSecret } from '@keygate/key-secret';
import { ForbiddenError, UnauthorizedError } from '@keygate/contracts';
import { PanelSession, PanelSessions } from './panel-sessions';
import { SESSION_COOKIE } from '@keygate/http';
import { cookieOf } from './session-cookie';

const ADMIN_ONLY = 'keygate:panel-admin-only';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const API_KEY_SHAPE = /^[a-z][a-z0-9]{0,9}_sk_/;

export interface PanelCaller {
  session: PanelSession;
  token: string;
  ip: string;
}

export type PanelRequest = FastifyRequest & { panel: PanelCaller };

/** The caller as an audit actor: who, from where. */
export const actorOf = (caller: PanelCaller) => ({
  type: 'user' as const,
  id: caller.session.userId,
  ip: caller.ip,
});

/**
 * Panel routes take a panel session only: `Authorization: Bearer <session>` or the HttpOnly
 * session cookie, which must come with the session's X-CSRF-Token on anything but a read.
 * API keys are refused here, as sessions are on /api/*.
 */
@Injectable()
export class PanelSessionGuard implements CanActivate {
  constructor(
    private readonly sessions: PanelSessions,
    private readonly reflector: Reflector,
    private readonly clientAddress: ClientAddress,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PanelRequest>();
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

    if (!bearer && !SAFE_METHODS.has(request.method)) {
      const csrf = request.headers['x-csrf-token'];
      if (typeof csrf !== 'string' || !sameSecret(csrf, session.csrfToken))
        throw new ForbiddenError('A session cookie needs the X-CSRF-Token of its session');
    }
    const adminOnly = this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (adminOnly && session.role !== 'admin')
      throw new ForbiddenError('Only account admins may do this; members may read');

    request.panel = {
      session,
      token,
      ip: this.clientAddress.of(request),
    };
    return true;
  }
}

/** Any logged-in panel user (admin or member). */
export const PanelSessionRequired = () => UseGuards(PanelSessionGuard);
/** Admins only: members get 403 FORBIDDEN. */
export const AdminOnly = () => applyDecorators(SetMetadata(ADMIN_ONLY, true));

export const Caller = createParamDecorator(
  (_: unknown, context: ExecutionContext): PanelCaller =>
    context.switchToHttp().getRequest<PanelRequest>().panel,
);
