import { Injectable } from '@nestjs/common';
import { UsageServiceMessages } from '@keygate/contracts';
import { ServiceRpcClient } from '@keygate/connections';

/** The Panel's side of the usage service's RPC contract (USAGE_SERVICE_MESSAGES), typed by pattern. */
@Injectable()
export class UsageServiceClient extends ServiceRpcClient<UsageServiceMessages> {}
