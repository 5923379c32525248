import { Controller, Get, Inject } from '@nestjs/common';
import { Answers, REDIS, RedisClient } from '@keygate/connections';
import { USAGE_SERVICE_MESSAGES, UsageServicePattern } from '@keygate/contracts';

@Controller()
export class HealthController {
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}

  @Get('health')
  @Answers(USAGE_SERVICE_MESSAGES, UsageServicePattern.Health)
  async health(): Promise<{ status: 'ok'; service: 'usage-service' }> {
    await this.redis.ping();
    return { status: 'ok', service: 'usage-service' };
  }
}
