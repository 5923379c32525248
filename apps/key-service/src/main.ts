import { loadKeyServiceConfig } from '@keygate/config';
import { runRpcService } from '@keygate/connections';
import { KeyServiceModule } from './key-service.module';

runRpcService(KeyServiceModule, { config: loadKeyServiceConfig });
