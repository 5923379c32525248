import { KeyRefCommand } from '../key-ref.command';

export class DeleteKeyCommand extends KeyRefCommand {}
