import { runService } from '@keygate/connections';
import { configurePanel } from './http/configure-panel';
import { PanelAppModule } from './panel-app.module';

runService(PanelAppModule, 'http', {
  bodyParser: false,
  configure: configurePanel,
  port: (config) => config.panel.port,
});
