import { Inject, Injectable, Module } from '@nestjs/common';
import { IncomingMessage } from 'node:http';
import { KEYGATE_CONFIG, HttpServerConfig } from '@keygate/config';
import { clientIpOf } from './client-ip';
import { IpMatcher } from './ip-matcher';

/** What the address of a request is read from: a node:http request, or Fastify's. */
export type AddressedRequest = Pick<IncomingMessage, 'socket' | 'headers'>;

/** The address a request came from, believing X-Forwarded-For only from TRUSTED_PROXIES. */
@Injectable()
export class ClientAddress {
  private readonly trustedProxies: IpMatcher;

  constructor(@Inject(KEYGATE_CONFIG) config: HttpServerConfig) {
    this.trustedProxies = new IpMatcher(config.trustedProxies);
  }

  /** The socket's peer is one of TRUSTED_PROXIES, so its forwarding headers may be believed. */
  isTrustedProxy(request: AddressedRequest): boolean {
    return (
      !this.trustedProxies.isEmpty &&
      this.trustedProxies.matches(request.socket.remoteAddress ?? '')
    );
  }

  of(request: AddressedRequest): string {
    return clientIpOf(
      request.socket.remoteAddress ?? '',
      request.headers['x-forwarded-for'],
      this.trustedProxies,
    );
  }
}

@Module({ providers: [ClientAddress], exports: [ClientAddress] })
export class ClientAddressModule {}
