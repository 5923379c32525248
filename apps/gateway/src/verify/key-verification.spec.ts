import { IncomingMessage } from 'node:http';
import { GatewayConfig } from '@keygate/config';
import { Clock, ForbiddenError } from '@keygate/contracts';
import { KeyVerifier } from '../auth/key-verifier';
import { KeyProjection } from '../projection/key-projection';
import { ProjectionService } from '../projection/projection.service';
import { QuotaAdmission } from '../quota/quota-admission';
import { KeyVerification } from './key-verification';

const TOKEN = 'verify-token-for-unit-specs-0000000001';

function verificationWith(verifyToken: string | null) {
  const config = { verifyToken, keyPrefix: 'kg', keyPepper: Buffer.alloc(32), plans: {} };
  const projection = {
    projection: new KeyProjection(),
    assertServing: () => undefined,
  } as unknown as ProjectionService;
  return new KeyVerification(
    new KeyVerifier(projection.projection, config as unknown as GatewayConfig),
    config as unknown as GatewayConfig,
    projection,
    {} as QuotaAdmission,
    { now: () => new Date() } as Clock,
  );
}
const withAuthorization = (authorization?: string) =>
  ({ headers: authorization ? { authorization } : {} }) as IncomingMessage;

describe(KeyVerification.name, () => {
  it('lets in only a caller presenting VERIFY_TOKEN as a bearer token', () => {
    const verification = verificationWith(TOKEN);
    expect(() => verification.assertCaller(withAuthorization(`Bearer ${TOKEN}`))).not.toThrow();
    for (const presented of [undefined, TOKEN, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`])
      expect(() => verification.assertCaller(withAuthorization(presented))).toThrow(ForbiddenError);
  });

  it('refuses everyone while VERIFY_TOKEN is unset', () => {
    expect(() => verificationWith(null).assertCaller(withAuthorization('Bearer '))).toThrow(
      ForbiddenError,
    );
  });
});
