/** Specialised channel ↔ named generic activation pairs for the generic-channel tests. */
export const PAIRS: Array<[string, Record<string, number>, string]> = [
  ["Linear", { var_noise: 0.01 }, "linear"],
  ["ReLU", { var_noise: 0.01 }, "relu"],
  ["HardTanh", { var_noise: 0.01, thres: 1 }, "hardtanh"],
  ["Probit", { var_noise: 0.01 }, "sign"],
];
