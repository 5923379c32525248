import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { setUpApiDocs } from './api-docs';
import { streamApiBodies } from './raw-api-bodies';
import { servePanelPage } from '../panel/web/panel-page';

/** What main.ts and the test harness both do to a gateway app before it listens. */
export function configureGateway(app: NestFastifyApplication): void {
  streamApiBodies(app.getHttpAdapter().getInstance());
  setUpApiDocs(app);
  servePanelPage(app.getHttpAdapter().getInstance());
}
