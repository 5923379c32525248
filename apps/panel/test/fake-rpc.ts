import {
  KeyServiceMessages,
  PanelRole,
  ReplyOf,
  RequestOf,
  UsageServiceMessages,
} from '@keygate/contracts';
import { KeyServiceClient } from '../src/rpc/key-service.client';
import { UsageServiceClient } from '../src/rpc/usage-service.client';
import { PanelCaller } from '../src/sessions/panel-session.guard';

type Answers<M> = {
  [P in keyof M & string]?: (request: RequestOf<M, P>) => ReplyOf<M, P> | Promise<ReplyOf<M, P>>;
};

/**
 * A peer service for a handler's unit spec: answers the patterns it is given, records every call
 * (pattern and request, as the real client would send them) and fails on any other pattern.
 */
export class FakeRpc<M> {
  readonly calls: Array<{ pattern: string; request: unknown }> = [];

  constructor(private readonly answers: Answers<M>) {}

  async call<P extends keyof M & string>(pattern: P, request: RequestOf<M, P>) {
    this.calls.push({ pattern, request });
    const answer = this.answers[pattern];
    if (!answer) throw new Error(`Unexpected RPC ${pattern}`);
    return answer(request);
  }
}

export const fakeKeyService = (answers: Answers<KeyServiceMessages>) => {
  const fake = new FakeRpc(answers);
  return { fake, client: fake as unknown as KeyServiceClient };
};

export const fakeUsageService = (answers: Answers<UsageServiceMessages>) => {
  const fake = new FakeRpc(answers);
  return { fake, client: fake as unknown as UsageServiceClient };
};

/** A logged-in panel user of account acc_1, from 203.0.113.7. */
export const panelCaller = (role: PanelRole = 'admin'): PanelCaller => ({
  session: {
    userId: 'usr_1',
    accountId: 'acc_1',
    email: 'ada@example.com',
    role,
    authority: 0,
    csrfToken: 'csrf',
    expiresAt: '2026-12-01T00:00:00.000Z',
  },
  token: 'session-token',
  ip: '203.0.113.7',
});

/** The audit actor a handler should record for panelCaller(). */
export const panelActor = { type: 'user', id: 'usr_1', ip: '203.0.113.7' };
