import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { ReadModelProjector } from './read-model.projector';
import { ReadModels } from './read-models.repository';

/** The read models (key and account views) and the projector that folds events into them. */
@Module({
  imports: [EventStoreModule],
  providers: [ReadModels, ReadModelProjector],
  exports: [ReadModels, ReadModelProjector],
})
export class ReadModelsModule {}
