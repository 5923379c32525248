import { ForbiddenError, UnauthorizedError } from '@keygate/contracts';
import { sameSecret } from '@keygate/key-secret';

/** /operator/api/* takes X-Operator-Token (OPERATOR_TOKEN), compared in constant time. */
export function assertOperatorToken(
  presented: string | string[] | undefined,
  configured: string | null | undefined,
): void {
  if (!configured)
    throw new ForbiddenError('The operator API is off: set OPERATOR_TOKEN to use it');
  if (typeof presented !== 'string' || !presented)
    throw new UnauthorizedError('Send the operator token in X-Operator-Token');
  if (!sameSecret(presented, configured)) throw new UnauthorizedError('Wrong operator token');
}
