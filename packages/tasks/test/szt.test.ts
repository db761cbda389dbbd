/**
 * The SZT loader. The data set is third-party and never committed: the tests that read it run only
 * when the shared reference directory exists (CI has it) and say why when skipped.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataNotFoundError, defaultSztPath, InvalidInputError, loadSztDataset } from "../src/index";

const present = existsSync(defaultSztPath);
if (!present)
  console.warn(
    `tasks/szt: ${defaultSztPath} is absent (third-party data, not committed); skipping the SZT content tests`,
  );

describe.runIf(present)("SZT data set (shared/reference/estimators/datasets/szt_var_u.json)", () => {
  it("is 4096 distinct 12-bit inputs with binary labels, p(y = 1) = 0.51709 and H(Y) = 0.692562941253758 nats (index.json)", () => {
    const { x, labels } = loadSztDataset();
    expect([x.n, x.d, labels.length]).toEqual([4096, 12, 4096]);
    const ones = labels.reduce((s, v) => s + v, 0);
    expect(ones / 4096).toBeCloseTo(0.51709, 5);
    const p = ones / 4096;
    expect(-(p * Math.log(p) + (1 - p) * Math.log(1 - p))).toBeCloseTo(0.692562941253758, 12);
    // every pattern once: the bit columns are balanced (2048 ones each)
    for (let b = 0; b < 12; b++) {
      let s = 0;
      for (let r = 0; r < 4096; r++) s += x.data[r * 12 + b];
      expect(s).toBe(2048);
    }
  });
});

describe("SZT loader errors", () => {
  const dir = mkdtempSync(join(tmpdir(), "infoflow-szt-"));
  const write = (name: string, value: unknown) => {
    const p = join(dir, name);
    writeFileSync(p, typeof value === "string" ? value : JSON.stringify(value));
    return p;
  };
  const patterns = Array.from({ length: 4096 }, (_, r) =>
    Array.from({ length: 12 }, (_, b) => (r >> (11 - b)) & 1),
  ).flat();
  const labels = Array.from({ length: 4096 }, (_, r) => r % 2);

  it("a missing file says where to get the data", () => {
    const missing = join(dir, "nope.json");
    expect(() => loadSztDataset(missing)).toThrow(DataNotFoundError);
    expect(() => loadSztDataset(missing)).toThrow(
      /not found at .*nope\.json: .*github\.com\/ravidziv\/IDNNs/,
    );
  });

  it("a well-formed file loads", () => {
    const p = write("ok.json", {
      x: { shape: [4096, 12], data: patterns },
      y: { shape: [4096], data: labels },
    });
    const { x, labels: l } = loadSztDataset(p);
    expect(x.data[4095 * 12 + 11]).toBe(1);
    expect(l[3]).toBe(1);
  });

  it.each([
    ["bad.json", "{", /not valid JSON/],
    [
      "shape.json",
      { x: { shape: [4096, 11], data: patterns }, y: { shape: [4096], data: labels } },
      /x\.shape is \[4096, 11\], expected \[4096, 12\]/,
    ],
    [
      "length.json",
      { x: { shape: [4096, 12], data: patterns.slice(1) }, y: { shape: [4096], data: labels } },
      /x\.data has 49151 values/,
    ],
    [
      "nonbinary.json",
      {
        x: { shape: [4096, 12], data: patterns },
        y: { shape: [4096], data: labels.map((v, i) => (i === 7 ? 2 : v)) },
      },
      /y\.data\[7\] is 2, expected 0 or 1/,
    ],
    [
      "dup.json",
      {
        x: { shape: [4096, 12], data: [...patterns.slice(0, 12), ...patterns.slice(0, 4095 * 12)] },
        y: { shape: [4096], data: labels },
      },
      /x row 1 repeats/,
    ],
    ["nofield.json", { x: { shape: [4096, 12], data: patterns } }, /field "y" must be \{shape, data\}/],
  ])("%s is rejected with a one-line message", (name, content, message) => {
    const p = write(name, content);
    expect(() => loadSztDataset(p)).toThrow(InvalidInputError);
    expect(() => loadSztDataset(p)).toThrow(message);
  });
});
