import { Module } from '@nestjs/common';
import { AccountModule } from './account/account.module';
import { AuditModule } from './audit/audit.module';
import { KeysModule } from './keys/keys.module';
import { SessionsModule } from './sessions/sessions.module';
import { UsageModule } from './usage/usage.module';
import { DecisionsModule } from './decisions/decisions.module';
import { UsersModule } from './users/users.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/**
 * The Panel API (/panel/api/*): panel sessions only, never API keys. One module per area, one
 * folder per call inside it (keys/create-key/create-key.controller.ts handles POST /panel/api/keys).
 */
@Module({
  imports: [
    SessionsModule,
    AccountModule,
    UsersModule,
    KeysModule,
    UsageModule,
    DecisionsModule,
    AuditModule,
    WebhooksModule,
  ],
})
export class PanelApiModule {}
