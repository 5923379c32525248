import { Body, Param, Put, Req } from '@nestjs/common';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { parseInput } from '@keygate/contracts';
import { ClientAddress } from '@keygate/http';
import { jsonSchemaOf } from '../../http/api-docs';
import { OperatorController } from '../operator-controller';
import { ChangePlanHandler, changePlanBodySchema } from './change-plan.handler';

@OperatorController()
export class ChangePlanController {
  constructor(
    private readonly changePlan: ChangePlanHandler,
    private readonly clientAddress: ClientAddress,
  ) {}

  @Put(':id/plan')
  @ApiOperation({
    operationId: 'changePlan',
    summary: 'Move an account to another plan (reaches every gateway)',
  })
  @ApiBody({ schema: jsonSchemaOf(changePlanBodySchema) })
  handle(@Param('id') accountId: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    const { plan } = parseInput(changePlanBodySchema, body);
    return this.changePlan.execute(accountId, plan, this.clientAddress.of(request));
  }
}
