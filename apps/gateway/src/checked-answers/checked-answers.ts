import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Readable } from 'node:stream';
import { KEYGATE_CONFIG, GatewayConfig } from '@keygate/config';
import { UpstreamAnswerUncheckedError } from '@keygate/contracts';
import { AnswerCheck, checkAnswer } from '../content-scope/answer-check';
import { readAtMost } from '../edge/body-limit';
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
 * - bytes: all checked answers together hold at most UPSTREAM_CHECKED_BYTES_IN_FLIGHT, and one
 *   account's at most UPSTREAM_CHECKED_BYTES_PER_ACCOUNT. An answer reserves its declared length
 *   (the answer limit when none is declared) in its account's share, then in the whole, before a
 *   byte of it is read, and waits its turn meanwhile with the answer left in the socket: a flood
 *   of large answers from one account queues behind itself, never in front of the others.
 * - CPU: an answer over 64 KiB is parsed, checked and serialised on a check thread
 *   (UPSTREAM_CHECK_THREADS), the accounts served in turn; the event loop only moves bytes.
 */
@Injectable()
export class CheckedAnswers implements OnApplicationShutdown {
  private readonly total: ByteBudget;
  private readonly shares = new Map<string, ByteBudget>();
  private readonly perAccount: number;
  private readonly limit: number;
  private readonly pool: ReturnType<typeof checkThreadPool>;
  private readonly threads: CheckThreads;

  constructor(@Inject(KEYGATE_CONFIG) config: GatewayConfig) {
    this.limit = config.upstream.checkedAnswerLimitBytes;
    this.total = new ByteBudget(config.upstream.checkedAnswerBytesInFlight);
    this.perAccount = config.upstream.checkedAnswerBytesPerAccount;
    this.pool = checkThreadPool(config.upstream.checkThreads);
    this.threads = new CheckThreads(config.upstream.checkThreads, this.pool.run);
  }

  /** Bytes all checked answers hold now. */
  get bytesInUse(): number {
    return this.total.inUse;
  }

  /** Reads an answer whole within the budget; past the answer limit it is unchecked (502). */
  async read(
    accountId: string,
    body: Readable,
    declaredLength: number | null,
  ): Promise<HeldAnswer> {
    if (declaredLength !== null && declaredLength > this.limit) {
      body.destroy();
      throw new UpstreamAnswerUncheckedError('it is larger than the checked-answer limit');
    }
    let reserved = declaredLength ?? this.limit;
    const share = this.shareOf(accountId);
    await share.reserve(reserved);
    await this.total.reserve(reserved);
    const giveBack = (bytes: number) => {
      this.total.release(bytes);
      share.release(bytes);
      reserved -= bytes;
      if (share.idle) this.shares.delete(accountId);
    };
    try {
      const text = await readAtMost(body, reserved);
      if (!text)
        throw new UpstreamAnswerUncheckedError(
          'it is larger than the checked-answer limit (or its declared length)',
        );
      // An undeclared length reserved the whole limit: what it did not use goes back at once.
      giveBack(reserved - text.length);
      return { text, release: () => giveBack(reserved) };
    } catch (error) {
      giveBack(reserved);
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

  private shareOf(accountId: string): ByteBudget {
    let share = this.shares.get(accountId);
    if (!share) this.shares.set(accountId, (share = new ByteBudget(this.perAccount)));
    return share;
  }
}
