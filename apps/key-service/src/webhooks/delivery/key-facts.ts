import { Inject, Injectable } from '@nestjs/common';
import { EventEnvelope } from '@keygate/contracts';
import { ApiKey } from '../../domain/api-key.aggregate';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { KeyFacts } from './webhook-notices';

/** A key's name and hint as they were when an event of its stream happened (folded from the store). */
@Injectable()
export class KeyFactsReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async asOf(event: EventEnvelope): Promise<KeyFacts | null> {
    const history = (await this.store.readStream(event.streamId)).filter(
      (stored) => stored.version <= event.version,
    );
    if (history.length === 0) return null;
    const key = new ApiKey().loadFromHistory(history);
    return { keyId: key.id, accountId: key.accountId, name: key.name, hint: key.hint };
  }
}
