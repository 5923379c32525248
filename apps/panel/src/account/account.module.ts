import { Module } from '@nestjs/common';
import { ConfigModule } from '@keygate/config';
import { RedisModule } from '@keygate/connections';
import { RpcClientsModule } from '../rpc/rpc-clients.module';
import { SessionsModule } from '../sessions/sessions.module';
import { RequireTwoFactorController } from './require-two-factor/require-two-factor.controller';
import { RequireTwoFactorHandler } from './require-two-factor/require-two-factor.handler';
import { SignupController } from './signup/signup.controller';
import { SignupHandler } from './signup/signup.handler';
import { SignupThrottle } from './signup-throttle';

/**
 * The account itself: sign-up (the account, its admin, its application keys, a session), and
 * its sign-in rules (two-factor required).
 */
@Module({
  imports: [ConfigModule, RedisModule, RpcClientsModule, SessionsModule],
  controllers: [SignupController, RequireTwoFactorController],
  providers: [SignupThrottle, SignupHandler, RequireTwoFactorHandler],
})
export class AccountModule {}
