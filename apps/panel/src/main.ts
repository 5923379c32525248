import { loadPanelConfig } from '@keygate/config';
import { runHttpApp } from '@keygate/connections';
import { configurePanel } from './http/configure-panel';
import { PanelAppModule } from './panel-app.module';

runHttpApp(PanelAppModule, {
  config: loadPanelConfig,
  port: (config) => config.panel.port,
  bodyParser: false,
  configure: configurePanel,
});
