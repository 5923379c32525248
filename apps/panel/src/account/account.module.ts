import { Module } from '@nestjs/common';
import { ConfigModule } from '@keygate/config';
import { RedisModule } from '@keygate/connections';
import { RpcClientsModule } from '../rpc/rpc-clients.module';
import { SessionsModule } from '../sessions/sessions.module';
import { SignupController } from './signup/signup.controller';
import { SignupHandler } from './signup/signup.handler';
import { SignupThrottle } from './signup-throttle';

/** Opening an account: sign-up (the account, its admin, its application keys, a session). */
@Module({
  imports: [ConfigModule, RedisModule, RpcClientsModule, SessionsModule],
  controllers: [SignupController],
  providers: [SignupThrottle, SignupHandler],
})
export class AccountModule {}
