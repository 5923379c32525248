import { ApiRequest } from '../call-start';
import { ForbiddenError, KeyRecord, RouteCheckName } from '@keygate/contracts';
import { keyRecord } from '../../../test/key-record';
import { Principal } from '../../auth/key-verifier';
import { canonicalTarget } from '../../edge/canonical-target';
import { GraphqlOperationCheck } from '../../graphql/graphql-operation.check';
import { RouteCheckStep } from './route-check.step';

const productReader = keyRecord({ rules: [{ resource: 'product', actions: ['read'] }] });
const everyTypeReader = keyRecord({ rules: [{ resource: '*', actions: ['read'] }] });

function setup() {
  const graphqlCalls: string[] = [];
  const graphql = {
    check: async ({ target }: { target: { path: string } }) => {
      graphqlCalls.push(target.path);
      return { body: Buffer.from('{}') };
    },
  } as unknown as GraphqlOperationCheck;
  const step = new RouteCheckStep(graphql);
  const run = (check: RouteCheckName, key: KeyRecord, method: string, url: string) =>
    step.run({
      request: { method, url } as ApiRequest,
      principal: { key, account: { id: 'a' } } as unknown as Principal,
      target: canonicalTarget(url),
      route: { check },
      bodySizeChecked: true,
    });
  return { run, graphqlCalls };
}

describe(RouteCheckStep.name, () => {
  it('forwards a route without a check of its own as it came', async () => {
    const { run } = setup();
    await expect(
      run('none', productReader, 'GET', '/api/v1/internal/contenttype'),
    ).resolves.toEqual({
      plan: {},
    });
  });

  it('narrows a scoped key’s hydrated read and checks its answer', async () => {
    const { run } = setup();
    const { plan } = await run(
      'scoped-content-read',
      productReader,
      'GET',
      '/api/v1/content/product?hydrate=1',
    );
    expect(plan.query).toBe('hydrate=1');
    expect(plan.answer).toBeDefined();
  });

  it('streams the reads of a key that reads every type unchecked', async () => {
    const { run } = setup();
    await expect(
      run('scoped-content-read', everyTypeReader, 'GET', '/api/v1/content/product?hydrate=1'),
    ).resolves.toEqual({ plan: {} });
  });

  it('narrows a scoped key’s search to the types it reads, and refuses one it may not', async () => {
    const { run } = setup();
    const { plan } = await run('scoped-search', productReader, 'GET', '/api/v1/search?q=a');
    expect(plan.query).toBe('q=a&content_type%5B%5D=product');
    await expect(
      run('scoped-search', productReader, 'GET', '/api/v1/search?q=a&content_type[]=author'),
    ).rejects.toThrow(ForbiddenError);
  });

  it('hands a GraphQL operation to its check', async () => {
    const { run, graphqlCalls } = setup();
    const { plan } = await run('graphql-operation', productReader, 'POST', '/api/graphql');
    expect(plan.body?.toString()).toBe('{}');
    expect(graphqlCalls).toEqual(['/api/graphql']);
  });
});
