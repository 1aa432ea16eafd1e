/**
 * The service's clock. Use cases receive `now` from the operation context, which reads it here;
 * tests and the local runtime may move it (deadlines, standstill periods) without touching Date.
 */
let offsetMs = 0;
let fixed: Date | undefined;

export const clock = {
  now: (): Date => (fixed ? new Date(fixed) : new Date(Date.now() + offsetMs)),
  /** Moves the clock forward (or back) relative to real time. */
  advance(ms: number): void {
    if (fixed) fixed = new Date(fixed.getTime() + ms);
    else offsetMs += ms;
  },
  set(date: Date): void {
    fixed = new Date(date);
  },
  reset(): void {
    offsetMs = 0;
    fixed = undefined;
  },
};
