import { runService } from '@keygate/connections';
import { GatewayModule } from './gateway.module';
import { configureGateway } from './http/configure-gateway';

runService(GatewayModule, 'http', { bodyParser: false, configure: configureGateway });
