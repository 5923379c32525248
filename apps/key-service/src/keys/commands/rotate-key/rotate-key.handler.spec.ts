import { NotAllowedError, SYSTEM_ACTOR } from '@keygate/contracts';
import { keyCreated } from '../../../../test/key-created.event';
import { mutationOn } from '../../../../test/key-mutation.fake';
import { unitSpecConfig } from '../../../../test/key-service-config';
import { ApiKey } from '../../../domain/api-key.aggregate';
import { SecretIssuer } from '../../secrets/secret-issuer';
import { RotateKeyCommand } from './rotate-key.command';
import { RotateKeyHandler } from './rotate-key.handler';

const NOW = new Date('2026-12-06T12:00:00.000Z');
const secrets = new SecretIssuer(unitSpecConfig);

describe(RotateKeyHandler.name, () => {
  it('answers a new secret once, the key keeping its id, and stores only its hash', async () => {
    const key = new ApiKey().loadFromHistory([keyCreated()]);
    const { mutation, applied, data } = mutationOn(key, NOW);
    const issued = await new RotateKeyHandler(mutation, secrets).execute(
      new RotateKeyCommand('acc_1', 'key_1', 3600, SYSTEM_ACTOR),
    );
    expect(applied).toEqual(['KeyRotated']);
    expect(issued.key.id).toBe('key_1');
    expect(issued.secret).toMatch(/^kg_/);
    expect(JSON.stringify(data)).not.toContain(issued.secret);
    expect(JSON.stringify(data)).toContain('secretHash');
  });

  it('issues no secret for a key that can no longer be used', async () => {
    const revoked = new ApiKey().loadFromHistory([keyCreated()]);
    revoked.revoke(NOW);
    revoked.takePendingEvents();
    const { mutation, applied } = mutationOn(revoked, NOW);
    await expect(
      new RotateKeyHandler(mutation, secrets).execute(
        new RotateKeyCommand('acc_1', 'key_1', 0, SYSTEM_ACTOR),
      ),
    ).rejects.toThrow(NotAllowedError);
    expect(applied).toEqual([]);
  });
});
