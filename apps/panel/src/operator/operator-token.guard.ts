import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { assertOperatorToken } from './operator-token';

/**
 * /operator/api/* takes X-Operator-Token. Checked before the body is read
 * (http/authenticate-first.ts), and here again so no operator route depends on that hook alone.
 */
@Injectable()
export class OperatorTokenGuard implements CanActivate {
  constructor(@Inject(KEYGATE_CONFIG) private readonly config: PanelConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    assertOperatorToken(request.headers['x-operator-token'], this.config.operatorToken);
    return true;
  }
}
