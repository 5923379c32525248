/**
 * One step of a call's checks: it reads what earlier steps added to the call (`Needs`) and adds
 * its own result (`Adds`), or throws the refusal. `run` is a property, not a method, so that its
 * parameter is checked strictly: a step placed before the steps it needs does not compile.
 */
export interface CallStep<Needs, Adds> {
  readonly run: (call: Needs) => Adds | Promise<Adds>;
}

/**
 * Steps in order, each typed by what the steps before it added. Built once at start-up; `run`
 * adds each step's result to the call object it is given, so a caller that catches a refusal
 * can still see how far the call got (a slot to give back, a principal to count against).
 */
export class CallPipeline<Start extends object, Have extends object> {
  private constructor(private readonly steps: ReadonlyArray<CallStep<never, object>>) {}

  static startingWith<Start extends object>(): CallPipeline<Start, Start> {
    return new CallPipeline<Start, Start>([]);
  }

  then<Adds extends object>(step: CallStep<Have, Adds>): CallPipeline<Start, Have & Adds> {
    return new CallPipeline<Start, Have & Adds>([...this.steps, step as CallStep<never, object>]);
  }

  async run(call: Start): Promise<Have> {
    const state = call as Record<string, unknown>;
    for (const step of this.steps) {
      const added = (step.run as (call: object) => object | Promise<object>)(state);
      // Most steps are synchronous: awaiting only promises keeps the hot path off extra ticks.
      Object.assign(state, added instanceof Promise ? await added : added);
    }
    return state as Have;
  }
}
