import { PanelController } from '../sessions/panel-controller';

/** A controller of /panel/api/webhooks: everyone logged in reads; admins change (`AdminOnly()`). */
export const WebhooksController = () => PanelController('panel/api/webhooks', 'Panel: webhooks');
