import { KeyRecord } from './key.dto';

export interface AccountRecord {
  id: string;
  name: string;
  plan: string;
  version: number;
}

/**
 * Every non-deleted key and every account, consistent with the event stream up to and
 * including `position`: a consumer applies stream entries after `position` on top of it.
 */
export interface KeysSnapshot {
  position: string;
  takenAt: string;
  accounts: AccountRecord[];
  keys: KeyRecord[];
}
