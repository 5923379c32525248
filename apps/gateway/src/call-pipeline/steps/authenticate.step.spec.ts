import { ServerResponse } from 'node:http';
import { ApiRequest } from '../call-start';
import { PUBLIC_ROUTES, UnauthorizedError } from '@keygate/contracts';
import { ApiKeyAuthenticator } from '../../auth/api-key.authenticator';
import { Principal } from '../../auth/key-verifier';
import { Permission } from '../../authorization/route-permission';
import { canonicalTarget } from '../../edge/canonical-target';
import { AuthenticateStep } from './authenticate.step';

const principal = { account: { id: 'a1' }, key: { id: 'k1' } } as unknown as Principal;

function setup(refusal?: Error) {
  const asked: Array<Array<Permission | null>> = [];
  const authenticator = {
    authenticate: async (
      _request: ApiRequest,
      _response: ServerResponse,
      permissions: Array<Permission | null>,
    ) => {
      asked.push(permissions);
      if (refusal) throw refusal;
      return principal;
    },
  } as unknown as ApiKeyAuthenticator;
  const step = new AuthenticateStep(authenticator);
  const run = (method: string, url: string, route: { permission: 'by-target' | 'any-key' }) =>
    step.run({
      request: { method, url } as ApiRequest,
      response: {} as ServerResponse,
      target: canonicalTarget(url),
      route,
    });
  return { run, asked };
}

describe(AuthenticateStep.name, () => {
  it('asks, for a by-target route, the permission of the canonical path and method', async () => {
    const { run, asked } = setup();
    // The raw URL spells the type %70roduct; the permission is for the type the upstream resolves.
    await expect(
      run('PATCH', '/api/v1/content/%70roduct/p1', PUBLIC_ROUTES.content),
    ).resolves.toEqual({
      principal,
    });
    expect(asked).toEqual([[{ kind: 'content', resource: 'product', action: 'update' }]]);
  });

  it('asks a method the API has no use for as nothing permitted (null)', async () => {
    const { run, asked } = setup();
    await run('POST', '/api/v1/search', PUBLIC_ROUTES.search);
    expect(asked).toEqual([[null]]);
  });

  it('asks only for a valid key on an any-key route, its own check deciding the rest', async () => {
    const { run, asked } = setup();
    await run('POST', '/api/graphql', PUBLIC_ROUTES.graphql);
    expect(asked).toEqual([[{ kind: 'any-key' }]]);
  });

  it('passes the authenticator’s refusal on', async () => {
    const { run } = setup(new UnauthorizedError('Unknown API key'));
    await expect(run('GET', '/api/v1/content/product', PUBLIC_ROUTES.content)).rejects.toThrow(
      UnauthorizedError,
    );
  });
});
