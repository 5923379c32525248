import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { GatewayMetrics } from '../metrics/gateway.metrics';
import { MetricsTokenGuard } from '../metrics/metrics-token.guard';
import { ProjectionService } from '../projection/projection.service';

@ApiTags('Operations')
@Controller()
export class HealthController {
  constructor(
    private readonly projection: ProjectionService,
    private readonly metrics: GatewayMetrics,
  ) {}

  /**
   * 200 once the key projection is loaded, 503 before (so load balancers wait for it), and 503
   * while it refuses keys as too stale (PROJECTION_MAX_STALENESS_SECONDS); the staleness either way.
   */
  @Get('health')
  health(@Res() reply: FastifyReply): void {
    const state = this.projection.servingState();
    const status = state === 'serving' ? 'ok' : state;
    reply.status(status === 'ok' ? 200 : 503).send({
      status,
      service: 'gateway',
      keys: this.projection.projection.keyCount,
      streamPosition: this.projection.streamPosition,
      stalenessSeconds: Math.floor(this.projection.stalenessMs() / 1000),
    });
  }

  @Get('metrics')
  @UseGuards(MetricsTokenGuard)
  async metricsText(@Res() reply: FastifyReply): Promise<void> {
    reply
      .header('content-type', this.metrics.registry.contentType)
      .send(await this.metrics.registry.metrics());
  }
}
