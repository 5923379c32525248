import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@keygate/contracts';
import { KeyMutation } from '../../key-mutation';
import { ExpireKeyCommand } from './expire-key.command';

export type ExpireOutcome = 'expired' | 'superseded' | 'not-yet' | 'gone';

@Injectable()
export class ExpireKeyHandler {
  constructor(private readonly mutation: KeyMutation) {}

  async execute(command: ExpireKeyCommand): Promise<ExpireOutcome> {
    try {
      const { result } = await this.mutation.run(command, (key, now): ExpireOutcome => {
        if (key.expiresAt !== command.plannedFor) return 'superseded';
        if (key.expire(now)) return 'expired';
        return key.status(now) === 'active' ? 'not-yet' : 'gone';
      });
      return result;
    } catch (error) {
      if (error instanceof NotFoundError) return 'gone';
      throw error;
    }
  }
}
