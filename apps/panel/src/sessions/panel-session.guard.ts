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
import { ForbiddenError } from '@keygate/contracts';
import { PanelCaller, SessionAuthenticator } from './session-authenticator';

export type { PanelCaller } from './session-authenticator';

const ADMIN_ONLY = 'keygate:panel-admin-only';

/** A Panel request once its caller is known (set before the body is read: http/authenticate-first). */
export type PanelRequest = FastifyRequest & { panel?: PanelCaller };

/** The caller as an audit actor: who, from where. */
export const actorOf = (caller: PanelCaller) => ({
  type: 'user' as const,
  id: caller.session.userId,
  ip: caller.ip,
});

/**
 * Panel routes take a panel session only (SessionAuthenticator). The caller is normally known
 * already, authenticated before the body was read; the guard then checks the route's role.
 */
@Injectable()
export class PanelSessionGuard implements CanActivate {
  constructor(
    private readonly authenticator: SessionAuthenticator,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PanelRequest>();
    request.panel ??= await this.authenticator.authenticate(request);
    const adminOnly = this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (adminOnly && request.panel.session.role !== 'admin')
      throw new ForbiddenError('Only account admins may do this; members may read');
    return true;
  }
}

/** Any logged-in panel user (admin or member). */
export const PanelSessionRequired = () => UseGuards(PanelSessionGuard);
/** Admins only: members get 403 FORBIDDEN. */
export const AdminOnly = () => applyDecorators(SetMetadata(ADMIN_ONLY, true));

export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): PanelCaller => {
  const caller = context.switchToHttp().getRequest<PanelRequest>().panel;
  if (!caller) throw new Error('Caller() on a route without PanelSessionRequired()');
  return caller;
});
