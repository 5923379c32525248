import { Module } from '@nestjs/common';
import { RpcClientsModule } from '../rpc/rpc-clients.module';
import { SessionsModule } from '../sessions/sessions.module';
import { ListAuditEventsController } from './list-audit-events/list-audit-events.controller';
import { ListAuditEventsHandler } from './list-audit-events/list-audit-events.handler';

/** The account's audit log (/panel/api/audit), read from the key service's events. */
@Module({
  imports: [RpcClientsModule, SessionsModule],
  controllers: [ListAuditEventsController],
  providers: [ListAuditEventsHandler],
})
export class AuditModule {}
