import { NotFoundError } from '@keygate/contracts';
import { ApiKey } from '../src/domain/api-key.aggregate';
import { KeyMutation, KeyTarget } from '../src/keys/key-mutation';

/** A KeyMutation that decides on `key` (null: not found) at `now` and records the events applied (types, data). */
export function mutationOn(key: ApiKey | null, now: Date) {
  const applied: string[] = [];
  const data: unknown[] = [];
  const mutation = {
    run: async <R>(target: KeyTarget, decide: (k: ApiKey, at: Date) => R) => {
      if (!key) throw new NotFoundError('Key', target.keyId);
      const result = decide(key, now);
      for (const event of key.takePendingEvents()) {
        applied.push(event.type);
        data.push(event.data);
      }
      return { key, result, now };
    },
  } as unknown as KeyMutation;
  return { mutation, applied, data };
}
