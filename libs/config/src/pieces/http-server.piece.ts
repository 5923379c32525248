import { z } from 'zod';
import { configPiece, milliseconds } from './config-piece';

export interface HttpServerConfig {
  /** Proxies whose X-Forwarded-* headers are believed. */
  trustedProxies: string[];
  /** Throttles count an IPv6 client as its network of this many bits (one subscriber's /64). */
  throttleIpv6PrefixBits: number;
  http: {
    /** A client must send its request headers within this (408 after). */
    headersTimeoutMs: number;
    /** ... and its whole request, body included, within this (408 after). */
    requestTimeoutMs: number;
    /** An idle keep-alive connection is closed after this. */
    keepAliveTimeoutMs: number;
  };
}

/** How an HTTP app (the gateway, the Panel) treats its clients' connections. */
export const httpServerPiece = configPiece({
  env: {
    TRUSTED_PROXIES: z.string().default(''),
    THROTTLE_IPV6_PREFIX: z.coerce.number().int().min(16).max(128).default(64),
    HTTP_HEADERS_TIMEOUT_MS: milliseconds(100, 10_000),
    HTTP_REQUEST_TIMEOUT_MS: milliseconds(100, 30_000),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: milliseconds(100, 72_000),
  },
  build: (e): HttpServerConfig => ({
    trustedProxies: e.TRUSTED_PROXIES.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    throttleIpv6PrefixBits: e.THROTTLE_IPV6_PREFIX,
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    },
  }),
});
