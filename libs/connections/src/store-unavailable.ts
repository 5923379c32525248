/**
 * True for an error that says Redis or MongoDB could not be reached or was failing over (a
 * dropped connection, a Cluster slot without a master, retries used up), as opposed to a bug or
 * a refused command: the caller may retry, so it is answered SERVICE_UNAVAILABLE, not INTERNAL.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (STORE_UNAVAILABLE_NAMES.has(error.name)) return true;
  return STORE_UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message));
}

const STORE_UNAVAILABLE_NAMES = new Set([
  // ioredis: a command's retries used up while reconnecting.
  'MaxRetriesPerRequestError',
  // mongoose / the MongoDB driver: no server reachable, or a connection dropped mid-command.
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
]);

const STORE_UNAVAILABLE_MESSAGES = [
  /^Connection is closed\.?$/,
  /^Stream isn't writeable/,
  /^Too many Cluster redirections/,
  /^CLUSTERDOWN /,
  /^TRYAGAIN /,
  /^LOADING /,
  /^READONLY /,
  /^MASTERDOWN /,
  /^Command timed out$/,
  /\bECONNREFUSED\b|\bECONNRESET\b|\bEPIPE\b/,
];
