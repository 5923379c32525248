import { Module } from '@nestjs/common';
import { GatewayMetrics } from '../metrics/gateway.metrics';
import { ProjectionService } from './projection.service';

/** The keys and accounts this gateway holds (loaded from the checkpoint, kept by the stream), and the metrics that count them. */
@Module({
  providers: [ProjectionService, GatewayMetrics],
  exports: [ProjectionService, GatewayMetrics],
})
export class ProjectionModule {}
