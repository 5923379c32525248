import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Readable } from 'node:stream';
import { KEYGATE_CONFIG, GatewayConfig } from '@keygate/config';
import { TooManyCheckedReadsError, UpstreamAnswerUncheckedError } from '@keygate/contracts';
import { AnswerCheck, checkAnswer } from '../content-scope/answer-check';
import { ByteBudget } from './byte-budget';
import { CheckThreads, checkThreadPool } from './check-threads';

/** Answers up to this size are checked on the event loop: well under a millisecond of work. */
const INLINE_CHECK_BYTES = 64 * 1024;

/** An answer read whole under the budget; `release` gives its bytes back once it is sent. */
export interface HeldAnswer {
  text: Buffer;
  release: () => void;
}

/**
 * The one budget of the answers the gateway reads whole to check them (a scoped key's hydrated
 * reads and searches), so that no account's checked reads cost another account anything:
 * - places: an account has at most UPSTREAM_CHECKED_ANSWERS_PER_ACCOUNT in flight on this
 *   gateway; more are 429 before they are admitted (counted nowhere).
 * - bytes: all checked answers together hold at most UPSTREAM_CHECKED_BYTES_IN_FLIGHT; an answer
 *   reserves its declared length (or the answer limit when none is declared) before it is read,
 *   and waits its turn while the budget is spent, leaving the upstream's bytes in the socket.
 * - CPU: an answer over 64 KiB is parsed, checked and serialised on a check thread
 *   (UPSTREAM_CHECK_THREADS), the accounts served in turn; the event loop only moves bytes.
 */
@Injectable()
export class CheckedAnswers implements OnApplicationShutdown {
  private readonly inFlight = new Map<string, number>();
  private readonly bytes: ByteBudget;
  private readonly perAccount: number;
  private readonly limit: number;
  private readonly pool: ReturnType<typeof checkThreadPool>;
  private readonly threads: CheckThreads;

  constructor(@Inject(KEYGATE_CONFIG) config: GatewayConfig) {
    this.limit = config.upstream.checkedAnswerLimitBytes;
    this.bytes = new ByteBudget(config.upstream.checkedAnswerBytesInFlight);
    this.perAccount = config.upstream.checkedAnswersPerAccount;
    this.pool = checkThreadPool(config.upstream.checkThreads);
    this.threads = new CheckThreads(config.upstream.checkThreads, this.pool.run);
  }

  /** A place for one of the account's checked answers, or 429; the function gives it back. */
  acquire(accountId: string): () => void {
    const current = this.inFlight.get(accountId) ?? 0;
    if (current >= this.perAccount) throw new TooManyCheckedReadsError(this.perAccount);
    this.inFlight.set(accountId, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(accountId) ?? 1) - 1;
      if (left <= 0) this.inFlight.delete(accountId);
      else this.inFlight.set(accountId, left);
    };
  }

  /** Reads an answer whole within the byte budget; past the answer limit it is unchecked (502). */
  async read(body: Readable, declaredLength: number | null): Promise<HeldAnswer> {
    if (declaredLength !== null && declaredLength > this.limit) {
      body.destroy();
      throw new UpstreamAnswerUncheckedError('it is larger than the checked-answer limit');
    }
    let reserved = declaredLength ?? this.limit;
    await this.bytes.reserve(reserved);
    const release = () => {
      this.bytes.release(reserved);
      reserved = 0;
    };
    try {
      const text = await readWithin(body, reserved);
      // An undeclared length reserved the whole limit: what it did not use goes back at once.
      const unused = reserved - text.length;
      this.bytes.release(unused);
      reserved -= unused;
      return { text, release };
    } catch (error) {
      release();
      throw error;
    }
  }

  /** The checked body to send, on a check thread when the answer is large. */
  async check(accountId: string, text: Buffer, check: AnswerCheck): Promise<Uint8Array> {
    const answer =
      text.length <= INLINE_CHECK_BYTES
        ? checkAnswer(text, check)
        : await this.threads.run(accountId, text, check);
    if ('invalid' in answer) throw new UpstreamAnswerUncheckedError(answer.invalid);
    return answer.body;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}

/** The body in one buffer; more than `room` bytes (what it reserved) is an unchecked answer. */
async function readWithin(body: Readable, room: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > room) {
      body.destroy();
      throw new UpstreamAnswerUncheckedError(
        'it is larger than the checked-answer limit (or its declared length)',
      );
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}
