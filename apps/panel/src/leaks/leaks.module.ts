import { Module } from '@nestjs/common';
import { ConfigModule } from '@keygate/config';
import { ClientAddressModule } from '@keygate/http';
import { OperatorTokenGuard } from '../operator/operator-token.guard';
import { RpcClientsModule } from '../rpc/rpc-clients.module';
import { GithubPublicKeys } from './github-public-keys';
import { GithubSecretScanningController } from './github-secret-scanning/github-secret-scanning.controller';
import { GithubSecretScanningHandler } from './github-secret-scanning/github-secret-scanning.handler';
import { ReportLeaksController } from './report-leaks/report-leaks.controller';
import { ReportLeaksHandler } from './report-leaks/report-leaks.handler';

/** Leaked keys stopped: GitHub's secret scanning reports and the Operator API's. */
@Module({
  imports: [ConfigModule, RpcClientsModule, ClientAddressModule],
  controllers: [GithubSecretScanningController, ReportLeaksController],
  providers: [
    OperatorTokenGuard,
    GithubPublicKeys,
    GithubSecretScanningHandler,
    ReportLeaksHandler,
  ],
})
export class LeaksModule {}
