import { Body, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { ValidationError } from '@keygate/contracts';
import { ClientAddress } from '@keygate/http';
import { jsonSchemaOf } from '../../http/api-docs';
import { OperatorController } from '../operator-controller';
import { ImportKeysHandler, importKeysBodySchema } from './import-keys.handler';

@OperatorController()
export class ImportKeysController {
  constructor(
    private readonly importKeys: ImportKeysHandler,
    private readonly clientAddress: ClientAddress,
  ) {}

  @Post(':id/keys/import')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'importKeys',
    summary: 'Import keys made elsewhere (Kong, Tyk, a key table), at most 5,000 per call',
    description:
      'All or nothing: 400 names every bad `keys[i].field`, 409 a secret some key already has. Secrets of any format (Keygate-format ones must have a valid checksum) are HMACed on arrival and never stored or returned. The plan’s user-key limit does not apply.',
  })
  @ApiBody({ schema: jsonSchemaOf(importKeysBodySchema) })
  handle(@Param('id') accountId: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw ValidationError.of('(body)', 'must be a JSON object: {"keys": [...]}');
    return this.importKeys.execute(accountId, body, this.clientAddress.of(request));
  }
}
