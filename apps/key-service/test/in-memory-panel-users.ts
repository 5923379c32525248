import { EmailTakenError, PanelRole } from '@keygate/contracts';
import { PanelUserDocument } from '../src/panel-users/panel-user.schema';
import { PanelUsersRepository, toView } from '../src/panel-users/panel-users.repository';

/** The panel users' collection in memory, with its unique email: for command handlers' unit specs. */
export function inMemoryPanelUsers() {
  const users = new Map<string, PanelUserDocument>();
  const repository = {
    claim: async (user: PanelUserDocument) => {
      if ([...users.values()].some((u) => u.email === user.email)) throw new EmailTakenError();
      users.set(user._id, { ...user });
    },
    activate: async (userId: string) => {
      users.get(userId)!.status = 'active';
    },
    setRole: async (userId: string, role: PanelRole) => {
      users.get(userId)!.role = role;
    },
    setPasswordHash: async (userId: string, passwordHash: string) => {
      users.get(userId)!.passwordHash = passwordHash;
    },
    remove: async (userId: string) => {
      users.delete(userId);
    },
    memberOf: async (accountId: string, userId: string) => {
      const user = users.get(userId);
      return user && user.accountId === accountId && user.status === 'active' ? toView(user) : null;
    },
    ofAccount: async (accountId: string) =>
      [...users.values()]
        .filter((u) => u.accountId === accountId && u.status === 'active')
        .map(toView),
  } as unknown as PanelUsersRepository;
  return { users, repository };
}
