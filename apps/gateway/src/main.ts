import { loadGatewayConfig } from '@keygate/config';
import { runHttpApp } from '@keygate/connections';
import { GatewayModule } from './gateway.module';
import { configureGateway } from './http/configure-gateway';

runHttpApp(GatewayModule, {
  config: loadGatewayConfig,
  port: (config) => config.port,
  bodyParser: false,
  configure: configureGateway,
});
