import { Inject, Injectable, Module } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { KEYGATE_CONFIG, HttpServerConfig } from '@keygate/config';
import { clientIpOf } from './client-ip';
import { IpMatcher } from './ip-matcher';

/** The address a request came from, believing X-Forwarded-For only from TRUSTED_PROXIES. */
@Injectable()
export class ClientAddress {
  private readonly trustedProxies: IpMatcher;

  constructor(@Inject(KEYGATE_CONFIG) config: HttpServerConfig) {
    this.trustedProxies = new IpMatcher(config.trustedProxies);
  }

  /** The socket's peer is one of TRUSTED_PROXIES, so its forwarding headers may be believed. */
  isTrustedProxy(request: FastifyRequest): boolean {
    return (
      !this.trustedProxies.isEmpty &&
      this.trustedProxies.matches(request.socket.remoteAddress ?? '')
    );
  }

  of(request: FastifyRequest): string {
    return clientIpOf(
      request.socket.remoteAddress ?? '',
      request.headers['x-forwarded-for'],
      this.trustedProxies,
    );
  }
}

@Module({ providers: [ClientAddress], exports: [ClientAddress] })
export class ClientAddressModule {}
