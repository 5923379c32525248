import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { OperatorTokenGuard } from '../operator-token.guard';
import { ListGatewaysHandler } from './list-gateways.handler';

@ApiTags('Operator')
@ApiSecurity('operator')
@Controller('operator/api/gateways')
@UseGuards(OperatorTokenGuard)
export class ListGatewaysController {
  constructor(private readonly listGateways: ListGatewaysHandler) {}

  @Get()
  @ApiOperation({
    operationId: 'listGateways',
    summary:
      'The gateways: id, host, last heartbeat, stream position and lag, keys held; gone after 3 missed heartbeats',
  })
  handle() {
    return this.listGateways.execute();
  }
}
