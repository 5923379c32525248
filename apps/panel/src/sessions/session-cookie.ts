import { Inject, Injectable } from '@nestjs/common';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { SESSION_COOKIE } from '@keygate/http';
import { FastifyReply, FastifyRequest } from 'fastify';

/** The cookie goes only to the Panel (page and API), never with calls to /api. */
const COOKIE_PATH = '/panel';

export function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
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
