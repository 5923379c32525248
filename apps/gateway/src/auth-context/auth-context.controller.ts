import { Controller, Get, Req, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { QuotaAdmission } from '../quota/quota-admission';

/** GET /api/auth-context: who this key is, what it may do, and its account's quota. */
@ApiTags('API (key)')
@ApiSecurity('X-AUTH-TOKEN')
@ApiSecurity('api-key')
@ApiSecurity('bearerKey')
@ApiSecurity('auth_token')
@Controller()
@UseGuards(ApiKeyGuard)
export class AuthContextController {
  constructor(private readonly quota: QuotaAdmission) {}

  @Get('api/auth-context')
  @ApiOperation({ summary: 'This key’s account, permissions and 30-day usage' })
  async authContext(@Req() request: AuthenticatedRequest) {
    const { key, account } = request.principal;
    return {
      account,
      key: {
        id: key.id,
        name: key.name,
        kind: key.kind,
        access: key.access,
        type: key.type,
        rules: key.rules,
        expiresAt: key.expiresAt,
        allowedHosts: key.allowedHosts,
      },
      usage: { windowDays: 30, ...(await this.quota.usage(request.principal)) },
    };
  }
}
