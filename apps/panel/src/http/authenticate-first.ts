import { FastifyInstance } from 'fastify';
import { sendHttpError } from '@keygate/http';
import { assertOperatorToken } from '../operator/operator-token';
import { PanelRequest } from '../sessions/panel-session.guard';
import { SessionAuthenticator } from '../sessions/session-authenticator';

/**
 * The Panel API's routes open to anyone (a reset link's token stands for its user); every other
 * /panel/api route needs a session. (GitHub's secret scanning reports, /github/secret-scanning,
 * are checked by their signature instead.)
 */
const OPEN_PANEL_ROUTES = new Set([
  '/panel/api/signup',
  '/panel/api/login',
  '/panel/api/login/two-factor',
  '/panel/api/password-reset',
]);

/**
 * Every authenticated route checks its caller when the request's head has arrived, before a
 * byte of its body is read or parsed: an 8 MiB import or a 64 KiB Panel body costs an
 * unauthenticated client nothing but its 401. Decided by the route Fastify matched (its pattern,
 * not the raw URL), so no spelling of a path slips past; the guards still check the role.
 */
export function authenticateBeforeBodies(
  fastify: FastifyInstance,
  sessions: SessionAuthenticator,
  operatorToken: string | null | undefined,
): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.url;
    if (!route) return;
    try {
      if (route.startsWith('/operator/api/'))
        assertOperatorToken(request.headers['x-operator-token'], operatorToken);
      else if (route.startsWith('/panel/api/') && !OPEN_PANEL_ROUTES.has(route))
        (request as PanelRequest).panel = await sessions.authenticate(request);
    } catch (error) {
      sendHttpError(reply, error);
      return reply;
    }
  });
}
