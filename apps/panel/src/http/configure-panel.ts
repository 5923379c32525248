import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { servePanelPage } from '../web/panel-page';
import { SessionAuthenticator } from '../sessions/session-authenticator';
import { setUpApiDocs } from './api-docs';
import { authenticateBeforeBodies } from './authenticate-first';
import { parseRequestBodies } from './request-bodies';

/** What main.ts and the test harness both do to a Panel app before it listens. */
export function configurePanel(app: NestFastifyApplication): void {
  const config = app.get<PanelConfig>(KEYGATE_CONFIG);
  authenticateBeforeBodies(
    app.getHttpAdapter().getInstance(),
    app.get(SessionAuthenticator),
    config.operatorToken,
  );
  parseRequestBodies(
    app.getHttpAdapter().getInstance(),
    config.http.panelBodyLimitBytes,
    config.http.operatorImportBodyLimitBytes,
  );
  setUpApiDocs(app);
  servePanelPage(app.getHttpAdapter().getInstance());
}
