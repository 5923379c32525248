import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import { KeyServicePattern, parseInput } from '@keygate/contracts';
import { EVENT_STORE, EventPage, EventStore } from '../../../event-store/event-store.port';

const auditQuerySchema = z
  .object({
    accountId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z
      .string()
      .regex(/^[0-9a-f]{24}$/, 'must be a cursor from a previous page')
      .nullable()
      .default(null),
  })
  .strict();

/** The audit log: the account's events (its own and its keys'), newest first, paginated. */
@Controller()
export class AccountEventsMessageController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @MessagePattern(KeyServicePattern.AccountEvents)
  accountEvents(@Payload() payload: unknown): Promise<EventPage> {
    const query = parseInput(auditQuerySchema, payload);
    return this.store.accountEvents(query.accountId, query.limit, query.cursor);
  }
}
