import { MessagePattern, Payload } from '@nestjs/microservices';
import { HandledRequestOf, Message, ReplyOf, parseInput } from '@keygate/contracts';
import { ZodTypeAny } from 'zod';

type Handler<M, P extends keyof M> = (
  request: HandledRequestOf<M, P>,
) => Promise<ReplyOf<M, P>> | ReplyOf<M, P>;

/**
 * A server's side of one RPC message, bound to the contract map: the method answers `pattern`,
 * gets the payload only once the contract's own schema has parsed it (400 VALIDATION_FAILED
 * otherwise), and must take that request and answer the contract's reply type. A method typed
 * for another request or reply does not compile, and no server picks a schema of its own.
 */
export function Answers<
  M extends Record<string, Message<ZodTypeAny, unknown>>,
  P extends keyof M & string,
>(messages: M, pattern: P) {
  return (target: object, method: string | symbol, descriptor: { value?: Handler<M, P> }): void => {
    const handle = descriptor.value!;
    const schema = messages[pattern].request;
    descriptor.value = function (this: unknown, payload: unknown) {
      return handle.call(this, parseInput(schema, payload));
    } as unknown as Handler<M, P>;
    MessagePattern(pattern)(target, method, descriptor as PropertyDescriptor);
    Payload()(target, method, 0);
  };
}
