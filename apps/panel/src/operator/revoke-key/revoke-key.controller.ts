import { HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { ClientAddress } from '@keygate/http';
import { OperatorController } from '../operator-controller';
import { OperatorRevokeKeyHandler } from './revoke-key.handler';

@OperatorController()
export class OperatorRevokeKeyController {
  constructor(
    private readonly revokeKey: OperatorRevokeKeyHandler,
    private readonly clientAddress: ClientAddress,
  ) {}

  @Post(':id/keys/:keyId/revoke')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'operatorRevokeKey',
    summary:
      'Revoke a user key for good; answers once every live gateway refuses it, or after 2 s with those pending named',
  })
  handle(
    @Param('id') accountId: string,
    @Param('keyId') keyId: string,
    @Req() request: FastifyRequest,
  ) {
    return this.revokeKey.execute(accountId, keyId, this.clientAddress.of(request));
  }
}
