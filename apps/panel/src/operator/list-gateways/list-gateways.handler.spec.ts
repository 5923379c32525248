import { GatewayView, KeyServicePattern } from '@keygate/contracts';
import { fakeKeyService } from '../../../test/fake-rpc';
import { ListGatewaysHandler } from './list-gateways.handler';

describe(ListGatewaysHandler.name, () => {
  it('answers the registry’s gateways as the key service reads them', async () => {
    const gateways = [{ id: 'gw_1', live: true, lagMs: 0 }] as GatewayView[];
    const { client } = fakeKeyService({ [KeyServicePattern.ListGateways]: () => gateways });
    expect(await new ListGatewaysHandler(client).execute()).toEqual({ gateways });
  });
});
