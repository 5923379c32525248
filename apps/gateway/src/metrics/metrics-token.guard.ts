import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { KEYGATE_CONFIG, GatewayConfig } from '@keygate/config';
import { ForbiddenError, UnauthorizedError } from '@keygate/contracts';
import { sameSecret } from '@keygate/key-secret';

/**
 * GET /metrics tells who calls how much and how keys fail: only for a scraper that sends
 * `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time); off while it is unset.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  constructor(@Inject(KEYGATE_CONFIG) private readonly config: GatewayConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.config.metricsToken)
      throw new ForbiddenError('Metrics are off: set METRICS_TOKEN to scrape them');
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization;
    const presented = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!presented) throw new UnauthorizedError('Send Authorization: Bearer <METRICS_TOKEN>');
    if (!sameSecret(presented, this.config.metricsToken))
      throw new UnauthorizedError('Wrong metrics token');
    return true;
  }
}
