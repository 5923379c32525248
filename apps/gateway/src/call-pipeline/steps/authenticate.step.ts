import { Injectable } from '@nestjs/common';
import { ServerResponse } from 'node:http';
import { PublicRoute } from '@keygate/contracts';
import { ApiKeyAuthenticator } from '../../auth/api-key.authenticator';
import { Principal } from '../../auth/key-verifier';
import { permissionForRequest } from '../../authorization/permission-for-request';
import { Permission } from '../../authorization/route-permission';
import { CanonicalTarget } from '../../edge/canonical-target';
import { CallStep } from '../call-pipeline';
import { ApiRequest } from '../call-start';

const ANY_KEY: Permission[] = [{ kind: 'any-key' }];

type Needs = {
  request: ApiRequest;
  response: ServerResponse;
  target: CanonicalTarget;
  route: Pick<PublicRoute, 'permission'>;
};

/**
 * The key, verified (status, expiry, allowed hosts, plan) and held against what the call needs:
 * for a `by-target` route the content type and action of its canonical path and method, for an
 * `any-key` route any valid key (its own check decides the rest).
 */
@Injectable()
export class AuthenticateStep implements CallStep<Needs, { principal: Principal }> {
  constructor(private readonly authenticator: ApiKeyAuthenticator) {}

  readonly run = async ({ request, response, target, route }: Needs) => {
    const permissions =
      route.permission === 'any-key'
        ? ANY_KEY
        : [permissionForRequest(request.method, target.path)];
    return { principal: await this.authenticator.authenticate(request, response, permissions) };
  };
}
