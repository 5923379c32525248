import { loadUsageServiceConfig } from '@keygate/config';
import { runRpcService } from '@keygate/connections';
import { UsageServiceModule } from './usage-service.module';

runRpcService(UsageServiceModule, { config: loadUsageServiceConfig });
