import { Inject, Injectable } from '@nestjs/common';
import { KEYGATE_CONFIG, UsageServiceConfig } from '@keygate/config';
import {
  AdmittedMinute,
  CLOCK,
  Clock,
  DecisionPage,
  DecisionSummary,
  KeyDecision,
  UsageServicePattern,
  UsageServiceRequest,
  ValidationError,
} from '@keygate/contracts';
import { REDIS, RedisClient } from '@keygate/connections';
import { CallUses, DAY_MS, callLabel, dayIndexOf } from '@keygate/usage';
import { DecisionLogRepository } from '../decision-log.repository';
import {
  DecisionPlace,
  compareDecisions,
  cursorOf,
  decisionIdsBefore,
  placeOfCursor,
  timeOfDecisionId,
} from '../decision-order';

type PageQuery = UsageServiceRequest<typeof UsageServicePattern.KeyDecisions>;
type SummaryQuery = UsageServiceRequest<typeof UsageServicePattern.KeyDecisionSummary>;

interface Placed {
  place: DecisionPlace;
  decision: KeyDecision;
}

const SUMMARY_SPAN_MS = DAY_MS;

/**
 * A key's decisions as the Panel reads them: its refusals (MongoDB, one record each) and its
 * admitted calls per minute × resource × action (Redis, counted by the admission step), in one
 * order, a page at a time; and both counted per resource × action over a span.
 */
@Injectable()
export class KeyDecisionsQuery {
  private readonly uses: CallUses;

  constructor(
    private readonly log: DecisionLogRepository,
    @Inject(REDIS) redis: RedisClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(KEYGATE_CONFIG) private readonly config: UsageServiceConfig,
  ) {
    this.uses = new CallUses(redis, config.redisNamespace);
  }

  async page(query: PageQuery): Promise<DecisionPage> {
    const { fromMs, toMs } = this.spanOf(query, this.config.decisionRetentionDays * DAY_MS);
    const after = query.cursor ? placeOfCursor(query.cursor) : null;
    const wanted = query.limit + 1;
    const [refused, admitted] = await Promise.all([
      query.outcome === 'admitted' ? [] : this.refusals(query, fromMs, toMs, after, wanted),
      query.outcome === 'refused' || query.code
        ? []
        : this.admittedMinutes(query, fromMs, toMs, after, wanted),
    ]);
    const merged = [...refused, ...admitted].sort((a, b) => compareDecisions(a.place, b.place));
    const page = merged.slice(0, query.limit);
    return {
      decisions: page.map((placed) => placed.decision),
      nextCursor: merged.length > query.limit ? cursorOf(page[page.length - 1].place) : null,
    };
  }

  async summary(query: SummaryQuery): Promise<DecisionSummary> {
    const { fromMs, toMs } = this.spanOf(query, SUMMARY_SPAN_MS);
    const [admitted, refused] = await Promise.all([
      this.uses.totals(query.accountId, query.keyId, fromMs, toMs),
      this.log.refusalCounts(query.accountId, query.keyId, fromMs, toMs),
    ]);
    const counts = [
      ...admitted.map((use) => ({ ...use, outcome: 'admitted' as const })),
      ...refused.map((count) => ({ ...count, outcome: 'refused' as const })),
    ].sort((a, b) => b.calls - a.calls);
    const sum = (list: Array<{ calls: number }>) => list.reduce((all, c) => all + c.calls, 0);
    return {
      keyId: query.keyId,
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
      total: sum(counts),
      admitted: sum(admitted),
      refused: sum(refused),
      counts,
    };
  }

  /** [from, to): `to` defaults to now, `from` to `span` before `to`; a `from` past `to` is a 400. */
  private spanOf(query: { from?: string; to?: string }, span: number) {
    const toMs = query.to ? Date.parse(query.to) : this.clock.now().getTime() + 1;
    const fromMs = query.from ? Date.parse(query.from) : toMs - span;
    if (fromMs >= toMs) throw ValidationError.of('from', 'must be before to (now by default)');
    return { fromMs, toMs };
  }

  private async refusals(
    query: PageQuery,
    fromMs: number,
    toMs: number,
    after: DecisionPlace | null,
    limit: number,
  ): Promise<Placed[]> {
    // Below the cursor: a refusal's own id, or every refusal before the cursor's minute began.
    const before =
      after?.kind === 'refused' ? after.id : after ? decisionIdsBefore(after.time) : undefined;
    const found = await this.log.refusalsOfKey({ ...query, fromMs, toMs, before, limit });
    return found.map(({ id, record }) => ({
      place: { kind: 'refused', time: timeOfDecisionId(id), id },
      decision: { outcome: 'refused', ...record },
    }));
  }

  /** Minutes with admitted calls in [from, to) after the cursor, newest first: a day a read. */
  private async admittedMinutes(
    query: PageQuery,
    fromMs: number,
    toMs: number,
    after: DecisionPlace | null,
    limit: number,
  ): Promise<Placed[]> {
    const found: Placed[] = [];
    const lastDay = dayIndexOf(Math.min(toMs - 1, after?.time ?? Infinity));
    for (let day = lastDay; day >= dayIndexOf(fromMs) && found.length < limit; day--)
      for (const use of await this.uses.minutesOfDay(query.accountId, query.keyId, day)) {
        const place: DecisionPlace = {
          kind: 'admitted',
          time: use.minute,
          label: callLabel(use.resource, use.action),
        };
        if (use.minute < fromMs || use.minute >= toMs) continue;
        if (after && compareDecisions(place, after) <= 0) continue;
        const decision: AdmittedMinute = {
          outcome: 'admitted',
          at: new Date(use.minute).toISOString(),
          accountId: query.accountId,
          keyId: query.keyId,
          resource: use.resource,
          action: use.action,
          calls: use.calls,
        };
        found.push({ place, decision });
        if (found.length >= limit) break;
      }
    return found;
  }
}
