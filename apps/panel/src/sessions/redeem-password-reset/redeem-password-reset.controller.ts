import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { parseInput } from '@keygate/contracts';
import { ClientAddress } from '@keygate/http';
import { jsonSchemaOf } from '../../http/api-docs';
import { redeemResetBodySchema } from '../../panel.schemas';
import { RedeemPasswordResetHandler } from './redeem-password-reset.handler';

@ApiTags('Panel: account and sessions')
@Controller('panel/api/password-reset')
export class RedeemPasswordResetController {
  constructor(
    private readonly redeem: RedeemPasswordResetHandler,
    private readonly clientAddress: ClientAddress,
  ) {}

  @Post()
  @HttpCode(204)
  @ApiOperation({
    operationId: 'redeemPasswordReset',
    summary:
      'Set a new password with a reset link’s token (once, within its hour); every session of the user ends',
  })
  @ApiBody({ schema: jsonSchemaOf(redeemResetBodySchema) })
  @ApiResponse({ status: 204, description: 'The password is set; log in with it' })
  async handle(@Body() body: unknown, @Req() request: FastifyRequest) {
    await this.redeem.execute({
      ...parseInput(redeemResetBodySchema, body),
      ip: this.clientAddress.of(request),
    });
  }
}
