import { Inject, Injectable } from '@nestjs/common';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { GetKeyHandler } from '../get-key/get-key.handler';
import { PanelCaller } from '../../sessions/panel-session.guard';
import { keyOpenApi } from './key-openapi';

/**
 * The OpenAPI document of one key of the caller's account, served at PUBLIC_URL: never at the
 * request's Host header, which any client can write.
 */
@Injectable()
export class KeyOpenApiHandler {
  constructor(
    private readonly getKey: GetKeyHandler,
    @Inject(KEYGATE_CONFIG) private readonly config: Pick<PanelConfig, 'publicUrl'>,
  ) {}

  async execute(caller: PanelCaller, keyId: string) {
    return keyOpenApi(await this.getKey.execute(caller, keyId), this.config.publicUrl);
  }
}
