import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@keygate/contracts';
import { KeyServiceClient } from '../rpc/key-service.client';
import { HousekeepingQueue } from './housekeeping.queue';
import { KeyHousekeeping } from './key-housekeeping';

@Module({
  providers: [
    KeyHousekeeping,
    HousekeepingQueue,
    KeyServiceClient,
    { provide: CLOCK, useValue: systemClock },
  ],
  exports: [KeyHousekeeping],
})
export class HousekeepingModule {}
