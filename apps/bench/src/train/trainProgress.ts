/**
 * Progress of `infoflow train`: on a terminal, one redrawn line (epoch, bar over the optimizer steps,
 * phase, ETA) plus a summary line per epoch; elsewhere (CI logs, pipes) only the per-epoch lines.
 */
import type { EpochRecord, ProgressEvent } from "@infoflow/models";
import { formatDuration } from "../bench/progress";

function fmt(v: number | undefined): string {
  return v === undefined ? "-" : Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(4) : v.toExponential(2);
}

/** One line summarising an epoch: losses, accuracies and, on measure epochs, the last layer's I(X;T). */
export function epochLine(r: EpochRecord, epochs: number): string {
  const parts = [`epoch ${r.epoch}/${epochs}`, `train loss ${fmt(r.train.loss)}`];
  if (r.train.accuracy !== undefined) parts.push(`acc ${fmt(r.train.accuracy)}`);
  if (r.test) parts.push(`test loss ${fmt(r.test.loss)}`);
  if (r.test?.accuracy !== undefined) parts.push(`acc ${fmt(r.test.accuracy)}`);
  const ixt = (r.layers ?? [])
    .map((l) => l.replica?.mi ?? l.sp?.ixt ?? l.binning?.ht)
    .filter((v): v is number => v !== undefined);
  if (ixt.length > 0) parts.push(`I(X;T) ${ixt.map((v) => v.toFixed(3)).join(" ")}`);
  parts.push(`(${r.seconds.train.toFixed(1)} s + measures ${r.seconds.measures.toFixed(1)} s)`);
  return parts.join(" · ");
}

export class TrainProgress {
  private epochs = 0;
  private steps = 0;
  private stepsPerEpoch = 1;
  private startEpoch = 0;
  private started = performance.now() / 1000;
  private lastDraw = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly write: (s: string) => void,
    private readonly tty: boolean,
  ) {}

  handle = (e: ProgressEvent): void => {
    if (e.kind === "start") {
      this.epochs = e.epochs;
      this.stepsPerEpoch = e.stepsPerEpoch;
      this.startEpoch = e.startEpoch;
      this.started = performance.now() / 1000;
      const from = e.startEpoch > 0 ? `resuming at epoch ${e.startEpoch}` : "from epoch 0";
      this.write(`train: ${e.dataId}, ${e.epochs} epochs × ${e.stepsPerEpoch} steps, ${from}\n`);
    } else if (e.kind === "step") {
      this.steps = (e.epoch - Math.max(this.startEpoch, 1)) * this.stepsPerEpoch + e.step;
      this.draw(e.epoch, "training", false);
    } else if (e.kind === "measures") {
      this.draw(e.epoch, "measures", true);
    } else {
      if (this.tty) this.write("\r\x1b[K");
      this.write(`${epochLine(e.record, this.epochs)}\n`);
    }
  };

  private draw(epoch: number, phase: string, force: boolean): void {
    if (!this.tty) return;
    const t = performance.now() / 1000;
    if (!force && t - this.lastDraw < 0.1) return;
    this.lastDraw = t;
    const total = (this.epochs - Math.max(this.startEpoch, 1) + 1) * this.stepsPerEpoch;
    const frac = total > 0 ? Math.min(1, this.steps / total) : 1;
    const width = 24;
    const filled = Math.round(frac * width);
    const elapsed = t - this.started;
    const eta = this.steps > 0 ? (elapsed / this.steps) * (total - this.steps) : Number.NaN;
    this.write(
      `\repoch ${epoch}/${this.epochs} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.floor(frac * 100)}% ${phase}, elapsed ${formatDuration(elapsed)}, ETA ${formatDuration(eta)}\x1b[K`,
    );
  }
}
