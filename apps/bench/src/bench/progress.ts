/**
 * Progress of a long run: on a terminal, one redrawn line with a bar, counts, rate and ETA; elsewhere (CI
 * logs, pipes), a plain line every `intervalSeconds` and one at the end.
 */

export interface ProgressOptions {
  total: number;
  label: string;
  write: (s: string) => void;
  tty: boolean;
  /** seconds between plain lines when not on a terminal */
  intervalSeconds?: number;
  now?: () => number;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m`;
}

export class Progress {
  private done = 0;
  private failed = 0;
  private readonly start: number;
  private lastDraw: number;
  private readonly now: () => number;
  private readonly interval: number;

  constructor(private readonly opts: ProgressOptions) {
    this.now = opts.now ?? (() => performance.now() / 1000);
    this.start = this.now();
    this.lastDraw = opts.tty ? Number.NEGATIVE_INFINITY : this.start;
    this.interval = opts.intervalSeconds ?? 10;
    if (!opts.tty) this.opts.write(`${opts.label}: ${opts.total} to run\n`);
  }

  tick(failed: boolean): void {
    this.done++;
    if (failed) this.failed++;
    const t = this.now();
    if (this.opts.tty) {
      if (t - this.lastDraw >= 0.1 || this.done === this.opts.total) {
        this.lastDraw = t;
        this.opts.write(`\r${this.line(t, true)}\x1b[K`);
      }
    } else if (t - this.lastDraw >= this.interval && this.done < this.opts.total) {
      this.lastDraw = t;
      this.opts.write(`${this.line(t, false)}\n`);
    }
  }

  /** Final line (also after an interruption). */
  finish(): void {
    const t = this.now();
    if (this.opts.tty) this.opts.write(`\r${this.line(t, true)}\x1b[K\n`);
    else this.opts.write(`${this.line(t, false)}\n`);
  }

  line(t: number, bar: boolean): string {
    const { total, label } = this.opts;
    const elapsed = t - this.start;
    const frac = total === 0 ? 1 : this.done / total;
    const eta = this.done === 0 ? Number.NaN : (elapsed / this.done) * (total - this.done);
    const width = 24;
    const filled = Math.round(frac * width);
    const head = bar ? `${label} [${"#".repeat(filled)}${".".repeat(width - filled)}]` : `${label}:`;
    const failed = this.failed ? `, ${this.failed} failed` : "";
    const tail =
      this.done === total
        ? `in ${formatDuration(elapsed)}`
        : `elapsed ${formatDuration(elapsed)}, ETA ${formatDuration(eta)}`;
    return `${head} ${this.done}/${total} (${Math.floor(frac * 100)}%)${failed}, ${tail}`;
  }
}
