import { PanelController } from '../sessions/panel-controller';

/** A controller of /panel/api/usage: the rolling 30-day window, for everyone logged in. */
export const UsageController = () => PanelController('panel/api/usage', 'Panel: usage');
