import { runService } from '@keygate/connections';
import { KeyServiceModule } from './key-service.module';

runService(KeyServiceModule, 'rpc');
