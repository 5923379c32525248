import { KeyCredits } from '../dto/key.dto';
import { KeyCreatedData, KeyCreditsChangedData } from '../events/key-events';

/** What a key's credits have left, and when they are next refilled (null: no refill). */
export interface CreditsLeft {
  remaining: number;
  nextRefillAt: string | null;
}

/**
 * A key's credits after its KeyCreated (event `version`, at `occurredAt`): the creation's
 * `remaining` as its first set, refills counted from then; null when it spends without limit.
 * The one rule the aggregate and the records' fold share.
 */
export function creditsCreated(
  data: KeyCreatedData,
  version: number,
  occurredAt: string,
): KeyCredits | null {
  return data.credits
    ? {
        refill: data.credits.refill ?? null,
        anchor: occurredAt,
        set: { version, amount: data.credits.remaining, period: 0 },
        added: 0,
      }
    : null;
}

/** A key's credits after a KeyCreditsChanged (event `version`): lifted, set afresh, or added to. */
export function creditsChanged(
  current: KeyCredits | null,
  data: KeyCreditsChangedData,
  version: number,
): KeyCredits | null {
  if (data.unlimited) return null;
  if (data.set)
    return {
      refill: data.set.refill,
      anchor: current?.anchor ?? data.set.anchor,
      set: { version, amount: data.set.amount, period: data.set.period },
      added: 0,
    };
  if (current && data.add) return { ...current, added: current.added + data.add };
  return current;
}
