import { Controller, Get, Inject } from '@nestjs/common';
import { Connection } from 'mongoose';
import { KEY_SERVICE_MESSAGES, KeyServicePattern } from '@keygate/contracts';
import { Answers, MONGO, REDIS, RedisClient } from '@keygate/connections';

@Controller()
export class HealthController {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(MONGO) private readonly mongo: Connection,
  ) {}

  @Get('health')
  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.Health)
  async health(): Promise<{ status: 'ok'; service: 'key-service' }> {
    await Promise.all([this.redis.ping(), this.mongo.db!.admin().ping()]);
    return { status: 'ok', service: 'key-service' };
  }
}
