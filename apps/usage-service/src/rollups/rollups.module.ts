import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@keygate/contracts';
import { DailyRollup } from './daily-rollup';
import { RollupQueue } from './rollup.queue';

@Module({
  providers: [DailyRollup, RollupQueue, { provide: CLOCK, useValue: systemClock }],
  exports: [DailyRollup, RollupQueue],
})
export class RollupsModule {}
