import { Module } from '@nestjs/common';
import { KeyServiceClient } from './key-service.client';

/** One key-service RPC client for the whole usage service. */
@Module({ providers: [KeyServiceClient], exports: [KeyServiceClient] })
export class KeyServiceClientModule {}
