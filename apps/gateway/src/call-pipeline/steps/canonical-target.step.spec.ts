import { ApiRequest } from '../call-start';
import { InvalidPathError } from '@keygate/contracts';
import { canonicalTargetStep } from './canonical-target.step';

const requestFor = (url: string) => ({ url }) as ApiRequest;

describe('canonicalTargetStep', () => {
  it('adds the one form of the target every later step reads', () => {
    expect(
      canonicalTargetStep.run({ request: requestFor('//api/v1/content/%70roduct/p1?hydrate=1') }),
    ).toEqual({
      target: {
        segments: ['api', 'v1', 'content', 'product', 'p1'],
        path: '/api/v1/content/product/p1',
        query: 'hydrate=1',
      },
    });
  });

  it('refuses a target a second reading could resolve elsewhere', () => {
    expect(() =>
      canonicalTargetStep.run({ request: requestFor('/api/v1/content/%2e%2e/secret') }),
    ).toThrow(InvalidPathError);
  });
});
