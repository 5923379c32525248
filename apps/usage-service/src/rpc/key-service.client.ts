import { Injectable } from '@nestjs/common';
import { AccountView, KeyServiceMessages, KeyServicePattern, KeyView } from '@keygate/contracts';
import { ServiceRpcClient } from '@keygate/connections';

/**
 * The usage service's side of the key service's RPC contract (KEY_SERVICE_MESSAGES, typed by
 * pattern like the Panel's): plans and key ownership.
 */
@Injectable()
export class KeyServiceClient extends ServiceRpcClient<KeyServiceMessages> {
  account(accountId: string): Promise<AccountView> {
    return this.call(KeyServicePattern.GetAccount, { accountId });
  }

  /** Answers NOT_FOUND for a key of another account. */
  key(accountId: string, keyId: string): Promise<KeyView> {
    return this.call(KeyServicePattern.GetKey, { accountId, keyId });
  }

  keys(accountId: string): Promise<KeyView[]> {
    return this.call(KeyServicePattern.ListKeys, { accountId });
  }
}
