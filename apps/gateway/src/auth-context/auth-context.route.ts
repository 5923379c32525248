import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance } from 'fastify';
import { sendHttpError } from '@keygate/http';
import { ApiKeyAuthenticator } from '../auth/api-key.authenticator';
import { Principal } from '../auth/key-verifier';
import { QuotaAdmission } from '../quota/quota-admission';

/**
 * GET /api/auth-context: who this key is, what it may do, and its account's quota, uncounted
 * (the call a backend makes to validate a key). Registered on Fastify directly, like the
 * forwarded routes: it is all hot path, and Nest's router layers would cost more than the checks.
 */
@Injectable()
export class AuthContextRoute implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly authenticator: ApiKeyAuthenticator,
    private readonly quota: QuotaAdmission,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.get('/api/auth-context', async (request, reply) => {
      try {
        const principal = await this.authenticator.authenticate(request, reply, [
          { kind: 'any-key' },
        ]);
        reply.send(await this.answer(principal));
      } catch (error) {
        sendHttpError(reply, error);
      }
    });
  }

  private async answer({ key, account }: Principal) {
    return {
      account,
      key: {
        id: key.id,
        name: key.name,
        kind: key.kind,
        access: key.access,
        type: key.type,
        rules: key.rules,
        expiresAt: key.expiresAt,
        allowedHosts: key.allowedHosts,
      },
      usage: { windowDays: 30, ...(await this.quota.usage({ key, account })) },
    };
  }
}
