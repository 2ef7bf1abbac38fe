// Every "now" in the engine comes from a Clock, so replays (`--now`) and tests control time.
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function fixedClock(at: number | Date): Clock {
  const ts = typeof at === 'number' ? at : at.getTime();
  return { now: () => ts };
}

/** A clock tests can move. */
export class ManualClock implements Clock {
  constructor(private ts: number) {}
  now(): number {
    return this.ts;
  }
  set(at: number | Date): void {
    this.ts = typeof at === 'number' ? at : at.getTime();
  }
  advance(ms: number): void {
    this.ts += ms;
  }
}
