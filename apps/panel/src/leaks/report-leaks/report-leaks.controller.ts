import { Body, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { parseInput } from '@keygate/contracts';
import { ClientAddress } from '@keygate/http';
import { jsonSchemaOf } from '../../http/api-docs';
import { OperatorLeaksController } from '../operator-leaks-controller';
import { ReportLeaksHandler, reportLeaksBodySchema } from './report-leaks.handler';

@OperatorLeaksController()
export class ReportLeaksController {
  constructor(
    private readonly reportLeaks: ReportLeaksHandler,
    private readonly clientAddress: ClientAddress,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'reportLeaks',
    summary: 'Report secrets found exposed: each that is a key’s is revoked (LEAK_ACTION)',
  })
  @ApiBody({ schema: jsonSchemaOf(reportLeaksBodySchema) })
  handle(@Body() body: unknown, @Req() request: FastifyRequest) {
    return this.reportLeaks.execute(
      parseInput(reportLeaksBodySchema, body),
      this.clientAddress.of(request),
    );
  }
}
