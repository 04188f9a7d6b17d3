"""Train linear regression (线性回归) on the 13-feature data set with YOUR exercise 05.

Run it from the repository root once every function of exercise 05 passes:

    python exercises/demo.py              # your exercises/05_linear_regression.py
    python exercises/demo.py --reference  # the reference solution, where it is present

It standardizes the features, trains the NumPy model (train_numpy) and the torch model
(train_torch), prints the loss falling, and puts the weights found next to the true
weights the data was made with (exercises/data/regression13.json) and next to the exact
least-squares answer (normal_equation).
"""

import argparse
import importlib.util
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "exercises" / "data"
NEEDED = ("predict", "mse_loss", "mse_gradients", "train_numpy", "train_torch",
          "normal_equation", "standardize")


def load_exercise(path):
    """Load a file such as 05_linear_regression.py by path (its name starts with a digit)."""
    spec = importlib.util.spec_from_file_location("linear_regression_" + path.parent.name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def unfinished(module):
    """Names of the functions that still raise NotImplementedError on a tiny problem."""
    import torch

    X = np.array([[1.0, 2.0], [3.0, 5.0], [4.0, 1.0]])
    y = np.array([1.0, 2.0, 0.5])
    w = np.zeros(2)
    tries = {
        "predict": lambda: module.predict(X, w, 0.0),
        "mse_loss": lambda: module.mse_loss(y, y),
        "mse_gradients": lambda: module.mse_gradients(X, y, w, 0.0),
        "train_numpy": lambda: module.train_numpy(X, y, 0.01, 1),
        "train_torch": lambda: module.train_torch(torch.tensor(X), torch.tensor(y), 0.01, 1),
        "normal_equation": lambda: module.normal_equation(X, y),
        "standardize": lambda: module.standardize(X),
    }
    missing = []
    for name in NEEDED:
        try:
            tries[name]()
        except NotImplementedError:
            missing.append(name)
    return missing


def to_raw_units(w_std, b_std, mean, std):
    """Weights for standardized features -> weights for the original features.

    y = ((x - mean) / std) @ w_std + b_std = x @ (w_std / std) + (b_std - mean @ (w_std / std))
    """
    w = w_std / std
    return w, b_std - mean @ w


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", action="store_true",
                        help="use solutions/05_linear_regression.py instead of yours")
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--learning-rate", type=float, default=0.1)
    args = parser.parse_args(argv)

    folder = "solutions" if args.reference else "exercises"
    path = ROOT / folder / "05_linear_regression.py"
    if not path.exists():
        print(f"{path.relative_to(ROOT)} is not here (the student edition has no solutions).")
        return 2
    lr = load_exercise(path)
    missing = unfinished(lr)
    if missing:
        print(f"Finish these functions in {path.relative_to(ROOT)} first: {', '.join(missing)}")
        return 1

    import torch

    table = np.loadtxt(DATA / "regression13.csv", delimiter=",", skiprows=1)
    X, y = table[:, :-1], table[:, -1]
    truth = json.loads((DATA / "regression13.json").read_text())
    print(f"{len(X)} samples, {X.shape[1]} features; standardizing the features first.")

    X_std, mean, std = lr.standardize(X)
    w_np, b_np, losses_np = lr.train_numpy(X_std, y, args.learning_rate, args.epochs)
    w_t, b_t, losses_t = lr.train_torch(torch.tensor(X_std), torch.tensor(y),
                                        args.learning_rate, args.epochs)
    w_exact, b_exact = lr.normal_equation(X, y)

    print(f"\nloss (mean squared error), learning rate {args.learning_rate}:")
    print(f"{'epoch':>6} {'NumPy':>12} {'torch':>12}")
    shown = sorted({0, 1, 2, 5, 10, 20, 50, 100, args.epochs - 1} & set(range(args.epochs)))
    for k in shown:
        print(f"{k:>6} {losses_np[k]:>12.5f} {losses_t[k]:>12.5f}")

    w_np, b_np = to_raw_units(np.asarray(w_np), float(b_np), mean, std)
    w_t, b_t = to_raw_units(w_t.numpy(), float(b_t), mean, std)
    print("\nweights in the features' own units (the noise in y explains small differences):")
    print(f"{'':>6} {'true':>12} {'NumPy':>12} {'torch':>12} {'exact':>12}")
    rows = list(zip(truth["weights"], w_np, w_t, w_exact))
    rows.append((truth["bias"], b_np, b_t, b_exact))
    for i, row in enumerate(rows):
        name = f"w{i + 1}" if i < len(truth["weights"]) else "b"
        print(f"{name:>6} " + " ".join(f"{v:>12.5g}" for v in row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
