"""Regenerates packages/numerics/test/fixtures/*.json from independent implementations.

- gauss-hermite-mpmath.json: probabilists' Gauss-Hermite nodes/weights from mpmath (50 digits),
  mpmath.gauss_quadrature(n, "hermite") rescaled: x = sqrt(2) t, w = w_t / sqrt(pi).
- special-mpmath.json: special-function values from mpmath at 50 digits.
- rng-numpy.json: first draws of numpy's legacy RandomState (MT19937, res53 doubles, polar normals,
  masked-rejection integers), which createRng must reproduce bit for bit.

Run: python3 packages/numerics/scripts/make-fixtures.py  (needs mpmath >= 1.2 and numpy).
"""
import json
import os

import mpmath as mp
import numpy as np

mp.mp.dps = 50
OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures")


def s(x):
    return mp.nstr(x, 25, strip_zeros=False, min_fixed=-5, max_fixed=5)


def gauss_hermite():
    rules = {}
    for n in (5, 20, 64, 200):
        t, w = mp.gauss_quadrature(n, "hermite")
        pairs = sorted(zip(t, w), key=lambda p: p[0])
        rules[str(n)] = {
            "nodes": [s(mp.sqrt(2) * x) for x, _ in pairs],
            "weights": [s(wi / mp.sqrt(mp.pi)) for _, wi in pairs],
        }
    return {"source": "mpmath %s gauss_quadrature(n, 'hermite'), 50 digits, probabilists' scaling" % mp.__version__,
            "rules": rules}


def special():
    xs = [-40, -30, -26.5, -10, -3, -1, -0.25, 0, 0.25, 0.5, 1, 3, 10, 26.5, 30, 40, 100]
    rows = []
    for x in xs:
        x = mp.mpf(x)
        erfc = mp.erfc(x)
        rows.append({
            "x": float(x),
            "logErfc": s(mp.log(erfc)),
            "logErfcx": s(x * x + mp.log(erfc)),
            "erfcx": s(mp.exp(x * x) * erfc),
            # log1p(−Φ(−x)) for x > 0: at 50 digits Φ(26.5) = 1 − 5e−155 would round to 1
            "normalLogCdf": s(mp.log1p(-mp.ncdf(-x)) if x > 0 else mp.log(mp.ncdf(x))),
            "log2cosh": s(mp.log(2 * mp.cosh(x))),
            "softplus": s(mp.log(1 + mp.exp(x))),
            "logistic": s(1 / (1 + mp.exp(-x))),
        })
    gam = []
    for x in [0.001, 0.1, 0.5, 1, 1.5, 2, 3.7, 10, 100, 1e5, -0.5, -2.5]:
        x = mp.mpf(x)
        gam.append({"x": float(x), "digamma": s(mp.digamma(x)), "logGamma": s(mp.log(abs(mp.gamma(x))))})
    return {"source": "mpmath %s, 50 digits" % mp.__version__, "scalar": rows, "gamma": gam}


def rng():
    out = {"source": "numpy %s legacy RandomState" % np.__version__, "cases": []}
    r = np.random.RandomState(42)
    out["cases"].append({"seed": 42, "method": "uniform", "values": r.random_sample(8).tolist()})
    r = np.random.RandomState(42)
    out["cases"].append({"seed": 42, "method": "normal", "values": r.standard_normal(8).tolist()})
    r = np.random.RandomState(42)
    out["cases"].append({"seed": 42, "method": "int", "n": 10, "values": r.randint(0, 10, size=8).tolist()})
    r = np.random.RandomState(42)
    out["cases"].append({"seed": 42, "method": "int", "n": 1000003,
                         "values": r.randint(0, 1000003, size=8).tolist()})
    a = np.arange(20)
    np.random.RandomState(42).shuffle(a)
    out["cases"].append({"seed": 42, "method": "shuffle", "n": 20, "values": a.tolist()})
    p = [0.1, 0.0, 0.6, 0.3]
    out["cases"].append({"seed": 42, "method": "categorical", "probs": p,
                         "values": np.random.RandomState(42).choice(4, size=12, p=p).tolist()})
    out["cases"].append({"seed": 42, "method": "fillNormal", "mean": 2.5, "std": 0.5,
                         "values": np.random.RandomState(42).normal(2.5, 0.5, size=5).tolist()})
    out["cases"].append({"seed": 42, "method": "fillUniform", "lo": -3, "hi": 5,
                         "values": np.random.RandomState(42).uniform(-3, 5, size=5).tolist()})
    out["cases"].append({"seed": 42, "method": "fillBernoulli", "p": 0.3,
                         "values": (np.random.RandomState(42).random_sample(12) < 0.3).astype(float).tolist()})
    out["cases"].append({"seed": 2**32 - 1, "method": "uniform",
                         "values": np.random.RandomState(2**32 - 1).random_sample(3).tolist()})
    # seeds >= 2^32 use init_by_array([lo, hi]); fork(s) uses init_by_array([0x464f524b, lo, hi, s])
    out["cases"].append({"seed": 7 * 2**32 + 42, "method": "uniform",
                         "values": np.random.RandomState([42, 7]).random_sample(3).tolist()})
    out["cases"].append({"seed": 42, "fork": [3], "method": "uniform",
                         "values": np.random.RandomState([0x464F524B, 42, 0, 3]).random_sample(3).tolist()})
    out["cases"].append({"seed": 42, "fork": [3, 11], "method": "normal",
                         "values": np.random.RandomState([0x464F524B, 42, 0, 3, 11]).standard_normal(3).tolist()})
    return out


for name, fn in (("gauss-hermite-mpmath", gauss_hermite), ("special-mpmath", special), ("rng-numpy", rng)):
    with open(os.path.join(OUT, name + ".json"), "w") as fh:
        json.dump(fn(), fh, indent=1)
        fh.write("\n")
    print("wrote", name)
