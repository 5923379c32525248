import { Global, Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@keygate/contracts';

/** The one clock of a process (CLOCK), the hot path's included; tests override it. */
@Global()
@Module({
  providers: [{ provide: CLOCK, useValue: systemClock }],
  exports: [CLOCK],
})
export class ClockModule {}
