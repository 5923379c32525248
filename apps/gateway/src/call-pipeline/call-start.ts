import { FastifyReply, FastifyRequest } from 'fastify';
import { PublicRoute } from '@keygate/contracts';

/** What every call starts with: the request, its reply and the public route it matched. */
export interface CallStart {
  request: FastifyRequest;
  reply: FastifyReply;
  route: PublicRoute;
}
