// Resident memory: the process-wide peak from the kernel (exact, but it never resets), and a
// sampler for the peak of one phase (sampled every 50 ms, so a short spike may be missed).
// Both include the simulator's worker thread: it lives in this process.

const MB = 1024 * 1024;

/** Peak RSS of the whole process so far, from getrusage (ru_maxrss), in MB. */
export function processPeakRssMb(): number {
  return (process.resourceUsage().maxRSS * 1024) / MB;
}

export class RssSampler {
  private peak = 0;
  private timer: NodeJS.Timeout | null = null;

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), 50);
    this.timer.unref();
    return this;
  }

  /** Stops sampling; the highest RSS seen, in MB. */
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    return this.peak / MB;
  }

  private sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }
}
