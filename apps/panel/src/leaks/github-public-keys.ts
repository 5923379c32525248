import { Inject, Injectable, Logger } from '@nestjs/common';
import { verify } from 'node:crypto';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';

interface PublishedKey {
  key_identifier: string;
  key: string;
}

/**
 * GitHub's secret scanning public keys (GITHUB_SECRET_SCANNING_KEYS_URL), kept once read. A key
 * id not known yet reads them again, once per id and at most every 10 s; while they cannot be
 * read, the copy in hand is used.
 */
@Injectable()
export class GithubPublicKeys {
  private readonly logger = new Logger(GithubPublicKeys.name);
  private keys = new Map<string, string>();
  private lastRead = 0;

  constructor(@Inject(KEYGATE_CONFIG) private readonly config: Pick<PanelConfig, 'leaks'>) {}

  /** Whether `signature` (base64 ASN.1 ECDSA P-256, SHA-256) over `body` is by key `keyId`. */
  async verify(body: string, keyId: string, signature: string): Promise<boolean> {
    let pem = this.keys.get(keyId);
    if (!pem && Date.now() - this.lastRead >= 10_000) {
      await this.read();
      pem = this.keys.get(keyId);
    }
    if (!pem) return false;
    try {
      return verify('sha256', Buffer.from(body, 'utf8'), pem, Buffer.from(signature, 'base64'));
    } catch {
      return false; // not a signature at all
    }
  }

  private async read(): Promise<void> {
    this.lastRead = Date.now();
    try {
      const response = await fetch(this.config.leaks.githubKeysUrl, {
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) throw new Error(`status ${response.status}`);
      const { public_keys } = (await response.json()) as { public_keys?: PublishedKey[] };
      const keys = new Map((public_keys ?? []).map((k) => [k.key_identifier, k.key]));
      if (keys.size > 0) this.keys = keys;
    } catch (error) {
      this.logger.warn(
        `GitHub's secret scanning keys could not be read: ${(error as Error).message}`,
      );
    }
  }
}
