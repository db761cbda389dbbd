/**
 * The Gauss-7 / Kronrod-15 pair on [−1, 1] as plain 15-entry tables (replica-math §4.5(1); QUADPACK qk15,
 * Piessens et al. 1983): node j of K15_NODES carries the Kronrod weight K15_WEIGHTS[j] and the Gauss weight
 * G7_AT_K15[j] (0 at the 8 Kronrod-only nodes). Local Float64Arrays so the hot loops index typed arrays
 * instead of calling getters. K15 is exact to degree 22, G7 to degree 13.
 */

const XK = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911,
  0.4058451513773972, 0.20778495500789848, 0,
];
const WK = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679,
  0.19035057806478542, 0.20443294007529889, 0.20948214108472782,
];
/** Gauss weights of XK[1], XK[3], XK[5], XK[7] = 0. */
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

/** Abscissae, ascending: −XK[0], …, −XK[6], 0, XK[6], …, XK[0]. */
export const K15_NODES = new Float64Array(15);
export const K15_WEIGHTS = new Float64Array(15);
export const G7_AT_K15 = new Float64Array(15);
for (let j = 0; j < 8; j++) {
  const g = j % 2 === 1 ? WG[(j - 1) / 2] : 0;
  K15_NODES[j] = -XK[j];
  K15_NODES[14 - j] = XK[j];
  K15_WEIGHTS[j] = WK[j];
  K15_WEIGHTS[14 - j] = WK[j];
  G7_AT_K15[j] = g;
  G7_AT_K15[14 - j] = g;
}
