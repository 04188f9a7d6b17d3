"""Make the demo's data set: 13 features and a label, with known true weights.

Run once from the repository root: python exercises/data/make_regression13.py
It writes regression13.csv (header x1..x13,y) and regression13.json (the true weights
and bias, in the features' own units). The features have very different scales and
offsets, as real data does, so the demo standardizes them before gradient descent.
"""

import json
from pathlib import Path

import numpy as np

SEED = 13
N_SAMPLES = 200
N_FEATURES = 13
NOISE_STD = 0.5
HERE = Path(__file__).resolve().parent


def make(seed=SEED):
    """Return (X, y, weights, bias) drawn from a fixed seed."""
    rng = np.random.default_rng(seed)
    # Scales from 0.1 to 1000 and offsets away from 0, so raw features are badly scaled.
    scales = 10.0 ** rng.integers(-1, 4, size=N_FEATURES)
    offsets = scales * rng.uniform(-3.0, 3.0, size=N_FEATURES)
    X = offsets + scales * rng.normal(size=(N_SAMPLES, N_FEATURES))
    # Each feature moves y by 0.5 to 3 (either sign) per standard deviation of that feature;
    # the weights are kept to 3 significant digits so they read well in the demo.
    effects = rng.choice([-1.0, 1.0], size=N_FEATURES) * rng.uniform(0.5, 3.0, size=N_FEATURES)
    weights = np.array([float(f"{e / s:.3g}") for e, s in zip(effects, scales)])
    bias = 4.0
    y = X @ weights + bias + NOISE_STD * rng.normal(size=N_SAMPLES)
    return X, y, weights, bias


def main():
    X, y, weights, bias = make()
    header = ",".join([f"x{i + 1}" for i in range(N_FEATURES)] + ["y"])
    np.savetxt(HERE / "regression13.csv", np.column_stack([X, y]), delimiter=",",
               header=header, comments="", fmt="%.10g")
    truth = {"weights": weights.tolist(), "bias": bias, "noise_std": NOISE_STD,
             "seed": SEED, "samples": N_SAMPLES}
    (HERE / "regression13.json").write_text(json.dumps(truth, indent=2) + "\n")


if __name__ == "__main__":
    main()
