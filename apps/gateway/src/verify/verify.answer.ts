import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { ValidationError } from '@keygate/contracts';
import { sendHttpError } from '@keygate/http';
import { BodyLimit } from '../edge/body-limit';
import { KeyVerification } from './key-verification';

/** A verification's body is small: a key, a cost, a permission, an address. */
const VERIFY_BODY_LIMIT_BYTES = 16 * 1024;

/** POST /api/v1/keys/verify: the caller's token first, then the JSON body, then the key. */
@Injectable()
export class VerifyAnswer {
  private readonly bodyLimit = new BodyLimit(VERIFY_BODY_LIMIT_BYTES);

  constructor(private readonly verification: KeyVerification) {}

  async run(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    try {
      this.verification.assertCaller(request);
      this.bodyLimit.assertDeclaredSize(request.headers);
      const text = await this.bodyLimit.read((request.body as Readable | undefined) ?? request.raw);
      let body: unknown;
      try {
        body = JSON.parse(text.toString('utf8'));
      } catch {
        throw ValidationError.of('(body)', 'must be JSON: {"key": "...", "cost": 1}');
      }
      reply.send(await this.verification.verify(body));
    } catch (error) {
      sendHttpError(reply, error);
    }
  }
}
