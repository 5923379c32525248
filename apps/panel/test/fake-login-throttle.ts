import { LoginThrottle } from '../src/sessions/login-throttle';

/**
 * A LoginThrottle that lets every attempt in and records its steps in `steps`: `failed`,
 * `succeeded`, `end`, and with `recordBegin` also `begin <email> <ip>` (what the attempt counted
 * under). For the handlers that check a password or a code through the throttle.
 */
export function recordingThrottle(
  steps: string[],
  { recordBegin = false }: { recordBegin?: boolean } = {},
): LoginThrottle {
  return {
    begin: async (email: string, ip: string) => {
      if (recordBegin) steps.push(`begin ${email} ${ip}`);
      return {
        failed: async () => void steps.push('failed'),
        succeeded: async () => void steps.push('succeeded'),
        end: async () => void steps.push('end'),
      };
    },
  } as unknown as LoginThrottle;
}
