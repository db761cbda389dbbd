/**
 * The deterministic part φ of each noisy channel t = φ(z + √σ² ξ) (replica-math §1.1 table):
 * Linear h; ReLU max(h, 0); LeakyReLU h or γh; HardTanh clip(h, −T, T); Probit sign(h) ∈ {−1, +1};
 * Generic: a named pointwise function (tanh, sigmoid = logistic, erf), as the replica Generic channel.
 */
import { erf, logistic } from "@infoflow/numerics";
import type { GenericActivationName, TeacherLayerSpec } from "../spec/taskSpec";

export function genericActivation(name: GenericActivationName): (h: number) => number {
  switch (name) {
    case "tanh":
      return Math.tanh;
    case "sigmoid":
      return logistic;
    case "erf":
      return erf;
  }
}

/** Apply φ in place (one switch outside the loop, a tight loop inside). */
export function applyActivation(buf: Float64Array, layer: TeacherLayerSpec): void {
  const n = buf.length;
  switch (layer.activation) {
    case "Linear":
      return;
    case "ReLU":
      for (let i = 0; i < n; i++) if (buf[i] < 0) buf[i] = 0;
      return;
    case "LeakyReLU": {
      const g = layer.gamma;
      for (let i = 0; i < n; i++) if (buf[i] < 0) buf[i] *= g;
      return;
    }
    case "HardTanh": {
      const t = layer.thres;
      for (let i = 0; i < n; i++) buf[i] = Math.min(t, Math.max(-t, buf[i]));
      return;
    }
    case "Probit":
      // sign(0) is a null event under continuous h; map it to +1 so outputs stay in {−1, +1}.
      for (let i = 0; i < n; i++) buf[i] = buf[i] >= 0 ? 1 : -1;
      return;
    case "Generic": {
      const f = genericActivation(layer.phi);
      for (let i = 0; i < n; i++) buf[i] = f(buf[i]);
      return;
    }
  }
}
