import { setPriority } from 'node:os';
import { Piscina } from 'piscina';
import { AnswerCheck, checkAnswer, ownBuffer } from '../content-scope/answer-check';

// On Linux a thread's nice value is its own: this check thread yields the CPU to the event loop
// (every other call of every tenant) whenever both want it. Elsewhere it may fail: then it runs
// at the process's priority.
try {
  setPriority(10);
} catch {
  // not permitted here: run at the process's priority
}

/**
 * A check thread's task: one answer's text in; its checked body moved back bare (not copied), or
 * why it could not be checked.
 */
export default function checkOnThread({ text, check }: { text: Uint8Array; check: AnswerCheck }) {
  const answer = checkAnswer(text, check);
  // A small body may be a view of Node's shared buffer pool, which must not move: a copy of it.
  return 'invalid' in answer ? answer : Piscina.move(ownBuffer(answer.body));
}
