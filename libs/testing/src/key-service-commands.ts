import { IssuedKey, KeyServicePattern, OpenedAccount } from '@keygate/contracts';

export type SendRpc = <T>(pattern: string, payload?: unknown) => Promise<T>;

/** The key-service calls most specs start with, with sensible defaults. */
export function openAccount(send: SendRpc, name = 'Acme', plan?: string): Promise<OpenedAccount> {
  return send<OpenedAccount>(KeyServicePattern.OpenAccount, { name, plan });
}

/** A `product: [read]` user key unless `extra` says otherwise. */
export function createKey(
  send: SendRpc,
  accountId: string,
  extra: Record<string, unknown> = {},
): Promise<IssuedKey> {
  return send<IssuedKey>(KeyServicePattern.CreateKey, {
    accountId,
    name: 'Product reader',
    rules: [{ resource: 'product', actions: ['read'] }],
    ...extra,
  });
}
