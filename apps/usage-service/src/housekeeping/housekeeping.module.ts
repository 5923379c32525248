import { Module } from '@nestjs/common';
import { LedgerUpgradeModule } from '../ledger-upgrade/ledger-upgrade.module';
import { KeyServiceClientModule } from '../rpc/key-service-client.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { HousekeepingQueue } from './housekeeping.queue';
import { KeyHousekeeping } from './key-housekeeping';

@Module({
  imports: [KeyServiceClientModule, LedgerUpgradeModule, DecisionsModule],
  providers: [KeyHousekeeping, HousekeepingQueue],
  exports: [KeyHousekeeping],
})
export class HousekeepingModule {}
