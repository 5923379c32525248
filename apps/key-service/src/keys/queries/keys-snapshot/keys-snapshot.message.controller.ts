import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { KeyServicePattern, KeysSnapshot, CLOCK, Clock } from '@keygate/contracts';
import { EventStreamPublisher } from '../../../outbox/event-stream.publisher';
import { ReadModels } from '../../../read-models/read-models.repository';

/**
 * The stream position is read before the read models: the relay projects an event before it
 * XADDs it, so every entry up to that position is already in what follows. Entries after it may
 * be in it too; consumers skip versions they already hold.
 */
@Controller()
export class KeysSnapshotMessageController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly publisher: EventStreamPublisher,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @MessagePattern(KeyServicePattern.KeysSnapshot)
  async snapshot(): Promise<KeysSnapshot> {
    const position = await this.publisher.lastPosition();
    const now = this.clock.now();
    const [accounts, keys] = await Promise.all([
      this.readModels.allAccountRecords(),
      this.readModels.allKeyRecords(now),
    ]);
    return { position, takenAt: now.toISOString(), accounts, keys };
  }
}
