import { z } from 'zod';

export const actorSchema = z
  .object({
    type: z.enum(['user', 'operator', 'system']),
    id: z.string().max(200).optional(),
    ip: z.string().max(64).optional(),
  })
  .strict();
