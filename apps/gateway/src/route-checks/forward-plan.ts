import { AnswerCheck } from '../content-scope/answer-check';

/** What a route's own checks decide about the call they let through. */
export interface ForwardPlan {
  /** A body the gateway had to read itself (GraphQL); otherwise the request's is streamed. */
  body?: Buffer;
  /** The query to forward instead of the client's (the scoped form of a search or hydration). */
  query?: string;
  /**
   * A check of the upstream's JSON answer before it reaches the client: the answer is then read
   * whole (UPSTREAM_CHECKED_ANSWER_LIMIT_BYTES) and checked within the gateway's budget for
   * checked answers (content-scope/checked-answers.ts) instead of streamed.
   */
  answer?: AnswerCheck;
}
