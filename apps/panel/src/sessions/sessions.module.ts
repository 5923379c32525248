import { Module } from '@nestjs/common';
import { ConfigModule } from '@keygate/config';
import { RedisModule } from '@keygate/connections';
import { ClientAddressModule } from '@keygate/http';
import { RpcClientsModule } from '../rpc/rpc-clients.module';
import { CurrentSessionController } from './current-session/current-session.controller';
import { CurrentSessionHandler } from './current-session/current-session.handler';
import { EndOtherSessionsController } from './end-other-sessions/end-other-sessions.controller';
import { EndOtherSessionsHandler } from './end-other-sessions/end-other-sessions.handler';
import { EndSessionController } from './end-session/end-session.controller';
import { EndSessionHandler } from './end-session/end-session.handler';
import { ListSessionsController } from './list-sessions/list-sessions.controller';
import { ListSessionsHandler } from './list-sessions/list-sessions.handler';
import { ChangePasswordController } from './change-password/change-password.controller';
import { ChangePasswordHandler } from './change-password/change-password.handler';
import { RedeemPasswordResetController } from './redeem-password-reset/redeem-password-reset.controller';
import { RedeemPasswordResetHandler } from './redeem-password-reset/redeem-password-reset.handler';
import { PasswordResets } from './password-resets';
import { LoginChallenges } from './login-challenges';
import { LoginTwoFactorController } from './login-two-factor/login-two-factor.controller';
import { LoginTwoFactorHandler } from './login-two-factor/login-two-factor.handler';
import { TwoFactorController } from './two-factor/two-factor.controller';
import { TwoFactorHandler } from './two-factor/two-factor.handler';
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
 * Panel sessions: login, logout, the current session and the user's list of their own, and what
 * every other Panel area uses
 * to require one (the guard) or open one (sign-up).
 */
@Module({
  imports: [ConfigModule, RedisModule, RpcClientsModule, ClientAddressModule],
  controllers: [
    LoginController,
    LogoutController,
    CurrentSessionController,
    ListSessionsController,
    EndSessionController,
    EndOtherSessionsController,
    ChangePasswordController,
    RedeemPasswordResetController,
    LoginTwoFactorController,
    TwoFactorController,
  ],
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
    ListSessionsHandler,
    EndSessionHandler,
    EndOtherSessionsHandler,
    ChangePasswordHandler,
    RedeemPasswordResetHandler,
    PasswordResets,
    LoginChallenges,
    LoginTwoFactorHandler,
    TwoFactorHandler,
  ],
  exports: [
    PasswordResets,
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
