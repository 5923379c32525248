import { Inject, Injectable } from '@nestjs/common';
import { GatewayConfig, KEYGATE_CONFIG } from '@keygate/config';
import { Principal } from '../../auth/key-verifier';
import { BodyLimit } from '../../edge/body-limit';
import { CallStep } from '../call-pipeline';
import { ApiRequest } from '../call-start';

type Needs = { request: ApiRequest; principal: Principal };

/**
 * A declared body over API_BODY_LIMIT_BYTES is refused (413) before any step reads a byte of it
 * and before the call is counted; after the key, so an unauthenticated caller learns nothing of
 * the limit. A chunked body is counted as it streams (the proxy cuts it at the same limit).
 */
@Injectable()
export class BodySizeStep implements CallStep<Needs, { bodySizeChecked: true }> {
  private readonly limit: BodyLimit;

  constructor(@Inject(KEYGATE_CONFIG) config: GatewayConfig) {
    this.limit = new BodyLimit(config.http.apiBodyLimitBytes);
  }

  readonly run = ({ request }: Needs) => {
    this.limit.assertDeclaredSize(request.headers);
    return { bodySizeChecked: true as const };
  };
}
