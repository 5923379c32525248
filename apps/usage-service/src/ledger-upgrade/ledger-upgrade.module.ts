import { Module } from '@nestjs/common';
import { LegacyLedgerUpgrade } from './legacy-ledger.upgrade';

/** Moves a ledger left by an older version into today's keyspace (see LegacyLedgerUpgrade). */
@Module({ providers: [LegacyLedgerUpgrade], exports: [LegacyLedgerUpgrade] })
export class LedgerUpgradeModule {}
