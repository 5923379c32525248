/** What becomes of a delivery after an attempt. */
export type DeliveryVerdict =
  | { status: 'delivered' }
  | { status: 'pending'; nextAttemptAt: Date }
  | { status: 'failed'; reason: string; disableEndpoint: boolean };

/**
 * After attempt number `attemptsMade` (1 for the first) answered `status` (null: no answer):
 * a 2xx is delivered; 410 Gone means the endpoint is no more (it is disabled); anything else is
 * retried after the schedule's next wait, and dead-lettered when the schedule has run out.
 */
export function verdictOf(
  status: number | null,
  attemptsMade: number,
  retryScheduleMs: readonly number[],
  now: Date,
): DeliveryVerdict {
  if (status !== null && status >= 200 && status < 300) return { status: 'delivered' };
  if (status === 410)
    return { status: 'failed', reason: 'the endpoint answered 410 Gone', disableEndpoint: true };
  const wait = retryScheduleMs[attemptsMade - 1];
  if (wait === undefined)
    return {
      status: 'failed',
      reason: `no success after ${attemptsMade} attempts`,
      disableEndpoint: false,
    };
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + wait) };
}
