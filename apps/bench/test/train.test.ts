/**
 * `infoflow train` end to end in this process: a bad config gives one line naming the field; a tiny
 * noisy-tanh run writes metrics.jsonl and the three SVG plots; --stop-after-epoch then --resume gives
 * the same metrics as the uninterrupted run (wall-clock seconds aside).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "./cli-helpers";
import { tempDir } from "./helpers";

function rows(n: number, shift: number) {
  const x = Array.from({ length: n }, (_, i) => [Math.sin(i + shift), Math.cos(2 * i + shift)]);
  return { x, labels: x.map((r) => (r[0] + r[1] > 0 ? 1 : 0)) };
}

const CONFIG = {
  seed: 3,
  network: {
    layers: [
      { units: 3, activation: "tanh", bias: true, noise: { std: 0.1 } },
      { units: 2, activation: "linear", bias: true },
    ],
  },
  data: { source: "arrays", train: rows(32, 0), test: rows(16, 100) },
  loss: "cross-entropy",
  optimizer: { name: "adam", learningRate: 0.05 },
  epochs: 3,
  batchSize: 8,
  measures: {
    sp: { layers: [1], nPerInput: 2, params: { nMCConditional: 4 } },
    binning: { layers: [1] },
    clustering: {},
  },
};

function metrics(dir: string): unknown[] {
  return readFileSync(join(dir, "metrics.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => {
      const { seconds: _s, ...rest } = JSON.parse(l);
      return rest;
    });
}

describe("infoflow train (CLI)", () => {
  const dir = tempDir("train-cli-");
  const configPath = join(dir, "tiny.json");
  writeFileSync(configPath, JSON.stringify(CONFIG));

  it("rejects an invalid config with one line naming the field", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...CONFIG, epochs: 0 }));
    const r = await runInProcess(["train", bad, "--out", join(dir, "bad")]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n").at(-1)).toMatch(/^infoflow: config\.epochs: /);
  });

  it("trains, streams metrics and writes the information-plane, MI-vs-epoch and loss plots", async () => {
    const out = join(dir, "full");
    const r = await runInProcess(["train", configPath, "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("finished:");
    expect(metrics(out)).toHaveLength(4);
    for (const plot of ["information-plane", "mi-vs-epoch", "loss"]) {
      const svg = readFileSync(join(out, `${plot}.svg`), "utf8");
      expect(svg.startsWith("<svg")).toBe(true);
    }
    // plain per-epoch lines when stderr is not a terminal
    expect(r.stderr).toMatch(/epoch 3\/3 · train loss/);
  });

  it("--stop-after-epoch then --resume reproduces the uninterrupted metrics", async () => {
    const out = join(dir, "resumed");
    const first = await runInProcess([
      "train",
      configPath,
      "--out",
      out,
      "--stop-after-epoch",
      "1",
      "--no-plots",
    ]);
    expect(first.stdout).toContain("stopped after epoch 1");
    expect(existsSync(join(out, "loss.svg"))).toBe(false);
    const second = await runInProcess(["train", configPath, "--out", out, "--resume"]);
    expect(second.code).toBe(0);
    expect(metrics(out)).toEqual(metrics(join(dir, "full")));
  });
});
