import { Inject, Injectable } from '@nestjs/common';
import { KEYGATE_CONFIG, KeyServiceConfig } from '@keygate/config';
import {
  CLOCK,
  Clock,
  ConflictError,
  NotFoundError,
  PanelUserView,
  RemoveUserDto,
  TwoFactorCodeDto,
  TwoFactorEnrolment,
  ValidationError,
  SYSTEM_ACTOR,
} from '@keygate/contracts';
import { PanelUserDocument } from '../../panel-user.schema';
import { PanelUsersRepository, toView } from '../../panel-users.repository';
import { TotpSecretBox } from '../../two-factor/totp-secret-box';
import {
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  stepOfCode,
} from '../../two-factor/totp';
import { UserAudit } from '../../user-audit';

const WRONG_CODE = () => ValidationError.of('code', 'is not right (or was used already)');

/**
 * Two-factor sign-in (TOTP, RFC 6238, by the otpauth library) for panel users: its secrets never
 * leave this service but once, at enrolment, and are kept sealed. Enrolment is pending until a
 * code confirms it; then ten recovery codes are made (shown once, kept hashed). A code is taken
 * once (its time step must be after the last one used), a recovery code once.
 */
@Injectable()
export class TwoFactorHandler {
  private readonly box: TotpSecretBox;

  constructor(
    private readonly users: PanelUsersRepository,
    private readonly audit: UserAudit,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(KEYGATE_CONFIG) config: KeyServiceConfig,
  ) {
    this.box = new TotpSecretBox(config.keyPepper);
  }

  async begin(dto: RemoveUserDto): Promise<TwoFactorEnrolment> {
    const user = await this.userOf(dto);
    if (user.totp) throw new ConflictError('Two-factor sign-in is on already; turn it off first');
    const enrolment = newTotpSecret(user.email);
    await this.users.setPendingTotp(user._id, this.box.seal(enrolment.secret));
    return enrolment;
  }

  async confirm(dto: TwoFactorCodeDto): Promise<{ recoveryCodes: string[] }> {
    const user = await this.userOf(dto);
    if (user.totp) throw new ConflictError('Two-factor sign-in is on already');
    if (!user.pendingTotp)
      throw new ConflictError('Start enrolment first (POST /panel/api/session/two-factor)');
    const step = dto.code
      ? stepOfCode(this.box.open(user.pendingTotp), dto.code, this.clock.now().getTime())
      : null;
    if (step === null) throw WRONG_CODE();
    const { codes, hashes } = newRecoveryCodes();
    await this.users.enableTotp(user._id, user.pendingTotp, step, hashes);
    await this.record(dto, user, true);
    return { recoveryCodes: codes };
  }

  async disable(dto: TwoFactorCodeDto): Promise<PanelUserView> {
    const user = await this.userOf(dto);
    if (!user.totp) throw new ConflictError('Two-factor sign-in is off');
    if (!(await this.takes(user, dto))) throw WRONG_CODE();
    await this.users.disableTotp(user._id);
    await this.record(dto, user, false);
    // The document was read before the change: the view says what the user has now.
    return { ...toView(user), twoFactor: false };
  }

  /** A login's second step: whether the code (or recovery code) is good now, and takes it. */
  async verify(dto: TwoFactorCodeDto): Promise<{ verified: boolean }> {
    const user = await this.userOf(dto);
    return { verified: Boolean(user.totp) && (await this.takes(user, dto)) };
  }

  private async takes(user: PanelUserDocument, dto: TwoFactorCodeDto): Promise<boolean> {
    if (dto.recoveryCode)
      return this.users.useRecoveryCode(user._id, recoveryCodeHash(dto.recoveryCode));
    const secret = this.box.open(user.totp!.secret);
    const step = stepOfCode(secret, dto.code ?? '', this.clock.now().getTime());
    return step !== null && (await this.users.useTotpStep(user._id, step));
  }

  private async userOf(dto: { accountId: string; userId: string }): Promise<PanelUserDocument> {
    const user = await this.users.withSecondFactor(dto.accountId, dto.userId);
    if (!user) throw new NotFoundError('User', dto.userId);
    return user;
  }

  private record(dto: TwoFactorCodeDto, user: PanelUserDocument, enabled: boolean) {
    return this.audit.record(dto.accountId, dto.actor ?? SYSTEM_ACTOR, (account) =>
      account.recordTwoFactorChanged(
        { userId: user._id, email: user.email, enabled },
        this.clock.now(),
      ),
    );
  }
}
