/** Time is injected: rules and the engine ask the clock, never `new Date()`. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that a test or the seed loader sets; it stands still until moved. */
export class SettableClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(to: Date | string): void {
    this.current = new Date(to);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * Development only: a clock that runs in real time from a point that can be moved, so the README
 * walkthrough can hold 2020's meetings "now". Never used in production (see src/dev/).
 */
export class TravelClock extends Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  set(to: Date | string): void {
    this.offsetMs = new Date(to).getTime() - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
