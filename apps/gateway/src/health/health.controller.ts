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

  /** 200 once the key projection is loaded, 503 before (so load balancers wait for it). */
  @Get('health')
  health(@Res() reply: FastifyReply): void {
    const ready = this.projection.isReady;
    reply.status(ready ? 200 : 503).send({
      status: ready ? 'ok' : 'starting',
      service: 'gateway',
      keys: this.projection.projection.keyCount,
      streamPosition: this.projection.streamPosition,
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
