import { PanelController } from '../sessions/panel-controller';

/** A controller of /panel/api/users: everyone logged in reads; admins change (`AdminOnly()`). */
export const UsersController = () => PanelController('panel/api/users', 'Panel: users');
