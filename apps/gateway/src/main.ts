import { runService } from '@keygate/connections';
import { GatewayModule } from './gateway.module';
import { streamApiBodies } from './http/raw-api-bodies';

runService(GatewayModule, 'http', {
  bodyParser: false,
  configure: (app) => streamApiBodies(app.getHttpAdapter().getInstance()),
});
