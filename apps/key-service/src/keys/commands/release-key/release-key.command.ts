import { KeyRefCommand } from '../key-ref.command';

export class ReleaseKeyCommand extends KeyRefCommand {}
