import { ApiRequest } from '../call-start';
import { GatewayConfig } from '@keygate/config';
import { PayloadTooLargeError } from '@keygate/contracts';
import { Principal } from '../../auth/key-verifier';
import { BodySizeStep } from './body-size.step';

const step = new BodySizeStep({ http: { apiBodyLimitBytes: 100 } } as GatewayConfig);
const run = (headers: Record<string, string>) =>
  step.run({ request: { headers } as unknown as ApiRequest, principal: {} as Principal });

describe(BodySizeStep.name, () => {
  it('lets a declared body up to the limit through', () => {
    expect(run({ 'content-length': '100' })).toEqual({ bodySizeChecked: true });
    expect(run({})).toEqual({ bodySizeChecked: true });
  });

  it('refuses a declared body over the limit before it is read', () => {
    expect(() => run({ 'content-length': '101' })).toThrow(PayloadTooLargeError);
  });

  it('leaves a chunked body to be counted as it streams', () => {
    expect(run({ 'transfer-encoding': 'chunked' })).toEqual({ bodySizeChecked: true });
  });
});
