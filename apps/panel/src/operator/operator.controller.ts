import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Req,
  UseGuards,
} from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { ApiBody, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { jsonSchemaOf } from '../http/api-docs';
import { KEYGATE_CONFIG, KeygateConfig } from '@keygate/config';
import {
  ImportKeysDto,
  importKeysSchema,
  KeyServicePattern,
  parseInput,
  ValidationError,
} from '@keygate/contracts';
import { z } from 'zod';
import { KeyServiceClient } from '../rpc/key-service.client';
import { ClientAddress } from '@keygate/http';
import { OperatorTokenGuard } from './operator-token.guard';

const importBodySchema = importKeysSchema.omit({ accountId: true, actor: true });
// Validating, hashing and writing 5,000 keys takes seconds on a small Mongo-wire server.
const IMPORT_TIMEOUT_MS = 120_000;

const planBodySchema = z.object({ plan: z.string().min(1, 'must name a plan').max(50) }).strict();

/** For whoever runs Keygate: read an account, move it to another plan, import its keys. */
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
    const account = await this.keyService.call(KeyServicePattern.GetAccount, {
      accountId,
    });
    const users = await this.keyService.call(KeyServicePattern.ListUsers, {
      accountId,
    });
    return { account, plan: { name: account.plan, ...this.config.plans[account.plan] }, users };
  }

  @Post(':id/keys/import')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Import keys made elsewhere (Kong, Tyk, a key table), at most 5,000 per call',
    description:
      'All or nothing: 400 names every bad `keys[i].field`, 409 a secret some key already has. Secrets of any format (Keygate-format ones must have a valid checksum) are HMACed on arrival and never stored or returned. The plan’s user-key limit does not apply.',
  })
  @ApiBody({ schema: jsonSchemaOf(importBodySchema) })
  importKeys(
    @Param('id') accountId: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
  ) {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw ValidationError.of('(body)', 'must be a JSON object: {"keys": [...]}');
    return this.keyService.call(
      KeyServicePattern.ImportKeys,
      {
        // Checked by the key service, with the same schema (one 400 naming every keys[i].field).
        ...(body as Pick<ImportKeysDto, 'keys'>),
        accountId,
        actor: { type: 'operator', ip: this.clientAddress.of(request) },
      },
      IMPORT_TIMEOUT_MS,
    );
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
    const account = await this.keyService.call(KeyServicePattern.ChangePlan, {
      accountId,
      plan,
      actor: { type: 'operator', ip: this.clientAddress.of(request) },
    });
    return { account, plan: { name: account.plan, ...this.config.plans[account.plan] } };
  }
}
