import { Answers } from '@keygate/connections';
import { Controller, Inject } from '@nestjs/common';
import { KEY_SERVICE_MESSAGES, KeyServicePattern, KeyServiceRequest } from '@keygate/contracts';
import { EVENT_STORE, EventPage, EventStore } from '../../../event-store/event-store.port';

/** The audit log: the account's events (its own and its keys'), newest first, paginated. */
@Controller()
export class AccountEventsMessageController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.AccountEvents)
  accountEvents(
    request: KeyServiceRequest<typeof KeyServicePattern.AccountEvents>,
  ): Promise<EventPage> {
    const query = request;
    return this.store.accountEvents(query.accountId, query.limit, query.cursor);
  }
}
