import { IncomingMessage, ServerResponse } from 'node:http';
import { PUBLIC_ROUTES } from '@keygate/contracts';
import { AuthContextAnswer } from '../auth-context/auth-context.answer';
import { ForwardedCall } from '../call-pipeline/forwarded-call';
import { VerifyAnswer } from '../verify/verify.answer';
import { PublicApi } from './public-api';

function setup() {
  const answered: string[] = [];
  const answer = (name: string) => ({
    run: () => {
      answered.push(name);
      return Promise.resolve();
    },
  });
  const api = new PublicApi(
    answer('upstream') as unknown as ForwardedCall,
    answer('auth-context') as unknown as AuthContextAnswer,
    answer('verify') as unknown as VerifyAnswer,
  );
  return { api, answered };
}

describe('PublicApi', () => {
  it.each([
    ['GET', '/api/auth-context', PUBLIC_ROUTES.authContext],
    ['HEAD', '/api/auth-context?x=1', PUBLIC_ROUTES.authContext],
    ['POST', '/api/v1/keys/verify', PUBLIC_ROUTES.verifyKey],
    ['POST', '/api/graphql', PUBLIC_ROUTES.graphql],
    ['GET', '/api/v1/search?q=a', PUBLIC_ROUTES.search],
    ['GET', '/api/v1/content/product', PUBLIC_ROUTES.content],
    ['DELETE', '/api/v1/content/product/p1?hydrate=1', PUBLIC_ROUTES.content],
    ['GET', '/api/v1/content/', PUBLIC_ROUTES.content],
    ['GET', '/api/v1/internal/contenttype', PUBLIC_ROUTES.contentTypes],
    ['PUT', '/api/v1/internal/contenttype/product', PUBLIC_ROUTES.contentTypes],
  ])('routes %s %s to its table entry', (method, url, route) => {
    expect(setup().api.routeOf(method, url)?.route).toBe(route);
  });

  it.each([
    ['GET', '/api/v1/keys/verify'],
    ['DELETE', '/api/auth-context'],
    ['GET', '/api/auth-context/'],
    ['GET', '/api/v1/content'],
    ['GET', '/api/v1/contentx/product'],
    ['GET', '/api/v1/cont%65nt/product'],
    ['GET', '/health'],
    ['GET', '/metrics'],
    ['GET', '/panel/api/keys'],
  ])('leaves %s %s to the framework', (method, url) => {
    expect(setup().api.routeOf(method, url)).toBeNull();
  });

  it('answers a public call under a request id and leaves the rest to the framework', () => {
    const { api, answered } = setup();
    const response = {} as ServerResponse;
    const request = (url: string, id?: string) =>
      ({
        method: 'GET',
        url,
        headers: id ? { 'x-request-id': id } : {},
      }) as unknown as IncomingMessage;

    const health = request('/health');
    expect(api.serve(health, response)).toBe(false);
    expect(answered).toEqual([]);
    expect(health.headers['x-request-id']).toBeUndefined();

    const own = request('/api/v1/content/product', 'client-chosen-id-1');
    expect(api.serve(own, response)).toBe(true);
    expect(answered).toEqual(['upstream']);
    expect(own.headers['x-request-id']).toBe('client-chosen-id-1');

    const unsafe = request('/api/auth-context', 'bad id\r\nx: y');
    api.serve(unsafe, response);
    expect(answered).toEqual(['upstream', 'auth-context']);
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
