import { Body, Param, Patch, Req } from '@nestjs/common';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { parseInput } from '@keygate/contracts';
import { ClientAddress } from '@keygate/http';
import { jsonSchemaOf } from '../../http/api-docs';
import { bodyObjectSchema } from '../../panel.schemas';
import { OperatorController } from '../operator-controller';
import { ChangeCreditsHandler, changeCreditsBodySchema } from './change-credits.handler';

@OperatorController()
export class ChangeCreditsController {
  constructor(
    private readonly changeCredits: ChangeCreditsHandler,
    private readonly clientAddress: ClientAddress,
  ) {}

  @Patch(':id/keys/:keyId/credits')
  @ApiOperation({
    operationId: 'changeKeyCredits',
    summary:
      'Set a key’s credits ({set, refill?}) or top them up ({add}); every change is an event',
  })
  @ApiBody({ schema: jsonSchemaOf(changeCreditsBodySchema) })
  handle(
    @Param('id') accountId: string,
    @Param('keyId') keyId: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
  ) {
    return this.changeCredits.execute(
      accountId,
      keyId,
      parseInput(bodyObjectSchema, body ?? {}),
      this.clientAddress.of(request),
    );
  }
}
