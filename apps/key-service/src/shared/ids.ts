import { randomBase62 } from '@keygate/key-secret';

export const newAccountId = (): string => `acc_${randomBase62(16)}`;
export const newKeyId = (): string => `key_${randomBase62(16)}`;
export const newEventId = (): string => `evt_${randomBase62(22)}`;
export const newUserId = (): string => `usr_${randomBase62(16)}`;
export const newWebhookId = (): string => `wh_${randomBase62(16)}`;
export const newBatchId = (): string => `imp_${randomBase62(16)}`;
/** Sorts in creation order (to the millisecond), like the appends it records. */
export const newOutboxEntryId = (): string =>
  `out_${Date.now().toString(36).padStart(9, '0')}${randomBase62(12)}`;
export const newWriterId = (): string => `wr_${randomBase62(12)}`;
