import { Module } from '@nestjs/common';
import { ConfigModule } from '@keygate/config';
import { RedisModule } from '@keygate/connections';
import { ClientAddressModule } from '@keygate/http';
import { RpcClientsModule } from '../rpc/rpc-clients.module';
import { CurrentSessionController } from './current-session/current-session.controller';
import { CurrentSessionHandler } from './current-session/current-session.handler';
import { LoginController } from './login/login.controller';
import { LoginHandler } from './login/login.handler';
import { LoginThrottle } from './login-throttle';
import { LogoutController } from './logout/logout.controller';
import { LogoutHandler } from './logout/logout.handler';
import { PanelSessionGuard } from './panel-session.guard';
import { PanelAuthority } from './panel-authority';
import { PanelSessions } from './panel-sessions';
import { SessionAuthenticator } from './session-authenticator';
import { SessionCookies } from './session-cookie';
import { SessionOpener } from './session-opener';

/**
 * Panel sessions: login, logout and the current session, and what every other Panel area uses
 * to require one (the guard) or open one (sign-up).
 */
@Module({
  imports: [ConfigModule, RedisModule, RpcClientsModule, ClientAddressModule],
  controllers: [LoginController, LogoutController, CurrentSessionController],
  providers: [
    PanelSessions,
    PanelAuthority,
    SessionAuthenticator,
    PanelSessionGuard,
    SessionOpener,
    SessionCookies,
    LoginThrottle,
    LoginHandler,
    LogoutHandler,
    CurrentSessionHandler,
  ],
  exports: [
    PanelSessions,
    PanelAuthority,
    SessionAuthenticator,
    PanelSessionGuard,
    SessionOpener,
    SessionCookies,
    ClientAddressModule,
  ],
})
export class SessionsModule {}
