/** An account as gateways hold it: what authentication needs of it. */
export interface AccountRecord {
  id: string;
  name: string;
  plan: string;
  version: number;
}
