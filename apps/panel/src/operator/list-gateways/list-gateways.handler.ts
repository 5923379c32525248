import { Injectable } from '@nestjs/common';
import { GatewayView, KeyServicePattern } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';

/** Every gateway in the registry: live or missing heartbeats, and how far behind the stream. */
@Injectable()
export class ListGatewaysHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  async execute(): Promise<{ gateways: GatewayView[] }> {
    return { gateways: await this.keyService.call(KeyServicePattern.ListGateways, {}) };
  }
}
