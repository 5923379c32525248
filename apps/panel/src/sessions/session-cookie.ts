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
 * HttpOnly (no script reads it), SameSite=Strict, Path=/panel, and Secure when the page came
 * over HTTPS: directly, through a TRUSTED_PROXIES proxy's X-Forwarded-Proto, or when a public URL
 * says so (PANEL_PUBLIC_URL, or PUBLIC_URL: a deployment that serves its API over HTTPS serves
 * its Panel so too).
 */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  maxAgeSeconds: number,
  publicUrls: string[],
): void {
  const https = request.protocol === 'https' || publicUrls.some((url) => url.startsWith('https:'));
  reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${token}; Path=${COOKIE_PATH}; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${https ? '; Secure' : ''}`,
  );
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=; Path=${COOKIE_PATH}; HttpOnly; SameSite=Strict; Max-Age=0`,
  );
}
