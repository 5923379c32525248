import { Controller, Get, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import Redis from 'ioredis';
import { REDIS } from '@keygate/connections';
import { UsageServicePattern } from '@keygate/contracts';

@Controller()
export class HealthController {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  @Get('health')
  @MessagePattern(UsageServicePattern.Health)
  async health(): Promise<{ status: 'ok'; service: 'usage-service' }> {
    await this.redis.ping();
    return { status: 'ok', service: 'usage-service' };
  }
}
