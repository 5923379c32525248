import { Injectable } from '@nestjs/common';
import { KeyServiceMessages } from '@keygate/contracts';
import { ServiceRpcClient } from '@keygate/connections';

/** The Panel's side of the key service's RPC contract (KEY_SERVICE_MESSAGES), typed by pattern. */
@Injectable()
export class KeyServiceClient extends ServiceRpcClient<KeyServiceMessages> {}
