import { Module } from '@nestjs/common';
import { DailyRollup } from './daily-rollup';
import { RollupQueue } from './rollup.queue';

@Module({
  providers: [DailyRollup, RollupQueue],
  exports: [DailyRollup, RollupQueue],
})
export class RollupsModule {}
