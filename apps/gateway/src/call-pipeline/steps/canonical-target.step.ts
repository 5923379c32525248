import { CanonicalTarget, canonicalTarget } from '../../edge/canonical-target';
import { CallStep } from '../call-pipeline';
import { ApiRequest } from '../call-start';

/**
 * The request target parsed once, the first thing a call does: every later step (the permission
 * asked for, the route's checks, the forwarded path) reads this form, never the raw URL.
 */
export const canonicalTargetStep: CallStep<
  { request: Pick<ApiRequest, 'url'> },
  { target: CanonicalTarget }
> = { run: ({ request }) => ({ target: canonicalTarget(request.url) }) };
