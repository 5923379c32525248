import { DynamicModule, Module } from '@nestjs/common';
import { KeygateClientOptions, KeygateModule } from '@keygate/client';
import { ReportsController } from './reports.controller';

@Module({})
export class AppModule {
  static with(keygate: KeygateClientOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [KeygateModule.forRoot(keygate)],
      controllers: [ReportsController],
    };
  }
}
