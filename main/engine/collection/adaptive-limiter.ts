// Bounded concurrency that backs off when Print Tracker rate-limits (429): the limit halves
// at once and grows back by one after every `recoverAfter` successes (AIMD, like TCP).
export class AdaptiveLimiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  private successes = 0;
  private current: number;

  constructor(
    private readonly max: number,
    private readonly recoverAfter = 10,
  ) {
    this.current = Math.max(1, max);
  }

  get limit(): number {
    return this.current;
  }

  onRateLimited(): void {
    this.current = Math.max(1, Math.floor(this.current / 2));
    this.successes = 0;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.current) this.active++;
    else await new Promise<void>((resolve) => this.queue.push(resolve)); // the slot is handed over by release()
    try {
      const value = await task();
      if (++this.successes >= this.recoverAfter && this.current < this.max) {
        this.current++;
        this.successes = 0;
      }
      return value;
    } finally {
      this.release();
    }
  }

  private release(): void {
    this.active--;
    while (this.active < this.current && this.queue.length > 0) {
      this.active++;
      this.queue.shift()!();
    }
  }
}
