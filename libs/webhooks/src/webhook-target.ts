import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { ValidationError } from '@keygate/contracts';
import { addressKind } from '@keygate/http';

/** Where a webhook is sent: the URL, and the one address it was checked at (used to connect). */
export interface CheckedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/**
 * A webhook URL is only sent to if every address its host names is public: not loopback,
 * private, link-local or a cloud's metadata service (SSRF), checked when it is saved and again
 * at each send, and the request connects to the very address checked (no second lookup to
 * rebind). WEBHOOK_ALLOW_PRIVATE_TARGETS=true lifts the rule (for tests on one machine).
 */
export class WebhookTarget {
  constructor(private readonly allowPrivateTargets: boolean) {}

  async check(raw: string): Promise<CheckedTarget> {
    const url = new URL(raw);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host)
      ? [{ address: host, family: isIP(host) as 4 | 6 }]
      : await lookup(host, { all: true, verbatim: true }).catch(() => {
          throw ValidationError.of('url', `its host ${host} does not resolve`);
        });
    if (addresses.length === 0)
      throw ValidationError.of('url', `its host ${host} does not resolve`);
    if (!this.allowPrivateTargets)
      for (const { address } of addresses) {
        const kind = addressKind(address);
        if (kind !== 'public')
          throw ValidationError.of('url', `must be a public address (${host} is ${kind})`);
      }
    const [first] = addresses;
    return { url, address: first.address, family: first.family as 4 | 6 };
  }
}
