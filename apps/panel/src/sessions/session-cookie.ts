import { Inject, Injectable } from '@nestjs/common';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { ValidationError } from '@keygate/contracts';
import { SESSION_COOKIE } from '@keygate/http';
import { FastifyReply, FastifyRequest } from 'fastify';

/** The cookie goes only to the Panel (page and API), never with calls to /api. */
const COOKIE_PATH = '/panel';

/** A cookie's value; one that is not valid %-encoding is the client's error (400), never ours. */
export function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      throw ValidationError.of('cookie', `${name} is not valid %-encoding`);
    }
  }
  return undefined;
}

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict, Path=/panel, as long-lived
 * as the session, and Secure when the page came over HTTPS: directly, through a TRUSTED_PROXIES
 * proxy's X-Forwarded-Proto, or when a public URL says so (PANEL_PUBLIC_URL, or PUBLIC_URL: a
 * deployment that serves its API over HTTPS serves its Panel so too).
 */
@Injectable()
export class SessionCookies {
  constructor(@Inject(KEYGATE_CONFIG) private readonly config: PanelConfig) {}

  set(request: FastifyRequest, reply: FastifyReply, token: string): void {
    const { panel, publicUrl } = this.config;
    const https =
      request.protocol === 'https' ||
      [panel.publicUrl, publicUrl].some((url) => url.startsWith('https:'));
    reply.header(
      'set-cookie',
      `${SESSION_COOKIE}=${token}; Path=${COOKIE_PATH}; HttpOnly; SameSite=Strict; Max-Age=${panel.sessionTtlSeconds}${https ? '; Secure' : ''}`,
    );
  }

  clear(reply: FastifyReply): void {
    reply.header(
      'set-cookie',
      `${SESSION_COOKIE}=; Path=${COOKIE_PATH}; HttpOnly; SameSite=Strict; Max-Age=0`,
    );
  }
}
