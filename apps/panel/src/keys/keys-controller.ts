import { PanelController } from '../sessions/panel-controller';

/** A controller of /panel/api/keys: everyone logged in reads; admins change (`AdminOnly()`). */
export const KeysController = () => PanelController('panel/api/keys', 'Panel: API keys');
