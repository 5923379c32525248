import { IncomingMessage, ServerResponse } from 'node:http';
import { PublicRoute } from '@keygate/contracts';

/** A call to the public API as node:http hands it over (http/public-api.ts: no framework). */
export type ApiRequest = IncomingMessage & { url: string; method: string };

/** The id the call goes by, in its answer and upstream (PublicApi sets it before any check). */
export const requestIdOfCall = (request: ApiRequest): string =>
  request.headers['x-request-id'] as string;

/** The headers every answer of the call carries, refusals included. */
export const callHeaders = (request: ApiRequest): Record<string, string> => ({
  'x-request-id': requestIdOfCall(request),
});

/** What every call starts with: the request, its response and the public route it matched. */
export interface CallStart {
  request: ApiRequest;
  response: ServerResponse;
  route: PublicRoute;
}
