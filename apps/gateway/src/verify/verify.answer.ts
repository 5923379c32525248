import { Injectable } from '@nestjs/common';
import { ServerResponse } from 'node:http';
import { ValidationError } from '@keygate/contracts';
import { writeHttpError, writeJson } from '@keygate/http';
import { ApiRequest, callHeaders } from '../call-pipeline/call-start';
import { BodyLimit } from '../edge/body-limit';
import { KeyVerification } from './key-verification';

/** A verification's body is small: a key, a cost, a permission, an address. */
const VERIFY_BODY_LIMIT_BYTES = 16 * 1024;

/** POST /api/v1/keys/verify: the caller's token first, then the JSON body, then the key. */
@Injectable()
export class VerifyAnswer {
  private readonly bodyLimit = new BodyLimit(VERIFY_BODY_LIMIT_BYTES);

  constructor(private readonly verification: KeyVerification) {}

  async run(request: ApiRequest, response: ServerResponse): Promise<void> {
    try {
      this.verification.assertCaller(request);
      this.bodyLimit.assertDeclaredSize(request.headers);
      const text = await this.bodyLimit.read(request);
      let body: unknown;
      try {
        body = JSON.parse(text.toString('utf8'));
      } catch {
        throw ValidationError.of('(body)', 'must be JSON: {"key": "...", "cost": 1}');
      }
      writeJson(response, 200, await this.verification.verify(body), callHeaders(request));
    } catch (error) {
      writeHttpError(response, error, callHeaders(request));
    }
  }
}
