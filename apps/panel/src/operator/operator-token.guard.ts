import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { ForbiddenError, UnauthorizedError } from '@keygate/contracts';
import { sameSecret } from '@keygate/key-secret';

/** /operator/api/* takes X-Operator-Token (OPERATOR_TOKEN), compared in constant time. */
@Injectable()
export class OperatorTokenGuard implements CanActivate {
  constructor(@Inject(KEYGATE_CONFIG) private readonly config: PanelConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.config.operatorToken)
      throw new ForbiddenError('The operator API is off: set OPERATOR_TOKEN to use it');
    const presented = context.switchToHttp().getRequest<FastifyRequest>().headers[
      'x-operator-token'
    ];
    if (typeof presented !== 'string' || !presented)
      throw new UnauthorizedError('Send the operator token in X-Operator-Token');
    if (!sameSecret(presented, this.config.operatorToken))
      throw new UnauthorizedError('Wrong operator token');
    return true;
  }
}
