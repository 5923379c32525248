import { Module } from '@nestjs/common';
import { ConfigModule } from '@keygate/config';
import { RedisModule } from '@keygate/connections';
import { RpcClientsModule } from './rpc/rpc-clients.module';
import { ClientAddressModule } from '@keygate/http';
import { PanelAccountController } from './account/panel-account.controller';
import { PanelAuditController } from './audit/panel-audit.controller';
import { PanelKeysController } from './keys/panel-keys.controller';
import { SignupThrottle } from './account/signup-throttle';
import { SignupHandler } from './account/signup/signup.handler';
import { LoginHandler } from './sessions/login/login.handler';
import { SessionOpener } from './sessions/session-opener';
import { ListKeysHandler } from './keys/list-keys/list-keys.handler';
import { LoginThrottle } from './sessions/login-throttle';
import { PanelSessionGuard } from './sessions/panel-session.guard';
import { PanelSessions } from './sessions/panel-sessions';
import { PanelUsageController } from './usage/panel-usage.controller';
import { PanelUsersController } from './users/panel-users.controller';

/** The Panel API (/panel/api/*): panel sessions only, never API keys. */
@Module({
  imports: [ConfigModule, RedisModule, RpcClientsModule, ClientAddressModule],
  controllers: [
    PanelAccountController,
    PanelUsersController,
    PanelKeysController,
    PanelUsageController,
    PanelAuditController,
  ],
  providers: [
    PanelSessions,
    PanelSessionGuard,
    LoginThrottle,
    SignupThrottle,
    SessionOpener,
    SignupHandler,
    LoginHandler,
    ListKeysHandler,
  ],
})
export class PanelApiModule {}
