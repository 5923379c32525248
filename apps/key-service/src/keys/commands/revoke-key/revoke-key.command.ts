import { KeyRefCommand } from '../key-ref.command';

export class RevokeKeyCommand extends KeyRefCommand {}
