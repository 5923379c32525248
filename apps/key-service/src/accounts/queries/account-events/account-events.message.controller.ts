import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KeyServicePattern, auditQuerySchema, parseInput } from '@keygate/contracts';
import { EVENT_STORE, EventPage, EventStore } from '../../../event-store/event-store.port';

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
