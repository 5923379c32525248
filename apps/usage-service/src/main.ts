import { runService } from '@keygate/connections';
import { UsageServiceModule } from './usage-service.module';

runService(UsageServiceModule, 'rpc');
