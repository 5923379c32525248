import { Body, Controller, Get, Inject, Param, Put, Req, UseGuards } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { ApiBody, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { jsonSchemaOf } from '../http/api-docs';
import { KEYGATE_CONFIG, KeygateConfig } from '@keygate/config';
import { AccountView, KeyServicePattern, PanelUserView, parseInput } from '@keygate/contracts';
import { z } from 'zod';
import { KeyServiceClient } from '../rpc/key-service.client';
import { ClientAddress } from '../auth/client-address';
import { OperatorTokenGuard } from './operator-token.guard';

const planBodySchema = z.object({ plan: z.string().min(1, 'must name a plan').max(50) }).strict();

/** For whoever runs Keygate: read an account, move it to another plan. */
@ApiTags('Operator')
@ApiSecurity('operator')
@Controller('operator/api/accounts')
@UseGuards(OperatorTokenGuard)
export class OperatorController {
  constructor(
    private readonly keyService: KeyServiceClient,
    @Inject(KEYGATE_CONFIG) private readonly config: KeygateConfig,
    private readonly clientAddress: ClientAddress,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'An account, its plan and its panel users' })
  async account(@Param('id') accountId: string) {
    const account = await this.keyService.send<AccountView>(KeyServicePattern.GetAccount, {
      accountId,
    });
    const users = await this.keyService.send<PanelUserView[]>(KeyServicePattern.ListUsers, {
      accountId,
    });
    return { account, plan: { name: account.plan, ...this.config.plans[account.plan] }, users };
  }

  @Put(':id/plan')
  @ApiOperation({ summary: 'Move an account to another plan (reaches every gateway)' })
  @ApiBody({ schema: jsonSchemaOf(planBodySchema) })
  async changePlan(
    @Param('id') accountId: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
  ) {
    const { plan } = parseInput(planBodySchema, body);
    const account = await this.keyService.send<AccountView>(KeyServicePattern.ChangePlan, {
      accountId,
      plan,
      actor: { type: 'operator', ip: this.clientAddress.of(request) },
    });
    return { account, plan: { name: account.plan, ...this.config.plans[account.plan] } };
  }
}
