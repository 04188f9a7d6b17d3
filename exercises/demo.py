"""Train linear regression (线性回归) on the 13-feature data set with YOUR exercise 05.

Run it from the repository root once every function of exercise 05 passes:

    python exercises/demo.py              # your exercises/05_linear_regression.py
    python exercises/demo.py --reference  # the reference solution, where it is present
    python exercises/demo.py --learning-rate 1.5        # too large: watch it diverge
    python exercises/demo.py --no-standardize --learning-rate 1e-8   # the long narrow valley

It standardizes the features, trains the NumPy model (train_numpy) and the torch model
(train_torch), prints the loss falling, and puts the weights found next to the true
weights the data was made with (exercises/data/regression13.json) and next to the exact
least-squares answer (normal_equation). It says so when the loss grows instead of falling.

With matplotlib installed it also draws the loss curves and the loss surface over two
weights, with and without standardizing: the raw features span scales from 0.1 to 1000,
so their loss is a long narrow valley that gradient descent crawls along; standardized, it
is a round bowl. The picture opens in a window, or goes to the file given with --plot
(to .grader/demo.png when there is no display); --no-plot prints the tables alone.
"""

import argparse
import importlib.util
import json
import os
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


def diverged(losses):
    """Whether training blew up: the loss ended higher than it started, or overflowed."""
    return not np.all(np.isfinite(losses)) or losses[-1] > losses[0]


def divergence_warning(losses, learning_rate, standardized):
    why = "" if standardized else " for features that are not standardized"
    lost = first_overflow(losses)
    grew = (f"grew from {losses[0]:.3g} until it overflowed (no longer a number) at epoch "
            f"{lost}" if lost is not None else f"grew from {losses[0]:.3g} to {losses[-1]:.3g}")
    return (f"WARNING: training diverged: the loss {grew}. Learning rate {learning_rate} is"
            f" too large{why}: every step overshoots the minimum by more than the last."
            f" Try a smaller --learning-rate.")


def first_overflow(losses):
    """The first epoch whose loss is infinite or NaN; None if every loss is a number."""
    bad = np.flatnonzero(~np.isfinite(losses))
    return int(bad[0]) if bad.size else None


def largest_stable_rate(X):
    """2 / (largest eigenvalue of the loss's curvature): gradient descent on the MSE of
    X @ w + b converges for learning rates below it and diverges above it."""
    Xb = np.column_stack([X, np.ones(len(X))])
    return 2.0 / np.linalg.eigvalsh(2.0 / len(X) * Xb.T @ Xb).max()


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", action="store_true",
                        help="use solutions/05_linear_regression.py instead of yours")
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--learning-rate", type=float, default=0.1)
    parser.add_argument("--no-standardize", action="store_true",
                        help="train on the raw features (use a learning rate below 2.8e-8)")
    parser.add_argument("--plot", type=Path, metavar="FILE.png",
                        help="write the picture here instead of opening a window")
    parser.add_argument("--no-plot", action="store_true", help="print the tables only")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse(argv)
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
    table = np.loadtxt(DATA / "regression13.csv", delimiter=",", skiprows=1)
    X, y = table[:, :-1], table[:, -1]
    truth = json.loads((DATA / "regression13.json").read_text())
    standardized = not args.no_standardize
    run = train(lr, X, y, args, standardized)
    print_losses(run, args)
    if diverged(run["losses_np"]):
        print("\n" + divergence_warning(run["losses_np"], args.learning_rate, standardized))
    print_weights(run, truth)
    if not args.no_plot:
        picture(lr, X, y, run, args)
    return 0


def train(lr, X, y, args, standardized):
    import torch

    how = "standardizing the features first" if standardized else "features NOT standardized"
    print(f"{len(X)} samples, {X.shape[1]} features; {how}.")
    if standardized:
        X_used, mean, std = lr.standardize(X)
    else:
        X_used, mean, std = X, np.zeros(X.shape[1]), np.ones(X.shape[1])
    with np.errstate(all="ignore"):  # a diverging run overflows: the warning says so
        w_np, b_np, losses_np = lr.train_numpy(X_used, y, args.learning_rate, args.epochs)
        w_t, b_t, losses_t = lr.train_torch(torch.tensor(X_used), torch.tensor(y),
                                            args.learning_rate, args.epochs)
    w_exact, b_exact = lr.normal_equation(X, y)
    w_np, b_np = to_raw_units(np.asarray(w_np), float(b_np), mean, std)
    w_t, b_t = to_raw_units(w_t.numpy(), float(b_t), mean, std)
    return {"X": X_used, "losses_np": np.asarray(losses_np, dtype=float),
            "losses_t": np.asarray(losses_t, dtype=float), "w": (w_np, w_t, w_exact),
            "b": (b_np, b_t, b_exact)}


def print_losses(run, args):
    print(f"\nloss (mean squared error), learning rate {args.learning_rate}:")
    print(f"{'epoch':>6} {'NumPy':>12} {'torch':>12}")
    shown = sorted({0, 1, 2, 5, 10, 20, 50, 100, args.epochs - 1} & set(range(args.epochs)))
    for k in shown:
        print(f"{k:>6} {run['losses_np'][k]:>12.6g} {run['losses_t'][k]:>12.6g}")


def print_weights(run, truth):
    print("\nweights in the features' own units (the noise in y explains small differences):")
    print(f"{'':>6} {'true':>12} {'NumPy':>12} {'torch':>12} {'exact':>12}")
    rows = list(zip(truth["weights"], *run["w"]))
    rows.append((truth["bias"], *run["b"]))
    for i, row in enumerate(rows):
        name = f"w{i + 1}" if i < len(truth["weights"]) else "b"
        print(f"{name:>6} " + " ".join(f"{v:>12.5g}" for v in row))


# ----------------------------------------------------------------------------- the picture

VALLEY = (0, 4)  # x1 (spread about 1000) and x5 (spread 0.1): the most unequal pair


def picture(lr, X, y, run, args):
    """Loss curves of this run, and the loss over two weights with and without standardizing;
    the tables above are the whole output where matplotlib is missing."""
    try:
        from matplotlib.figure import Figure
    except ImportError:
        print("\n(pip install matplotlib to see the loss curves and the valley as a picture)")
        return
    window = args.plot is None and has_display()
    if window:
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=(15, 4.6))
    else:
        fig = Figure(figsize=(15, 4.6))
    loss_axis, raw_axis, std_axis = fig.subplots(1, 3)
    draw_losses(loss_axis, run, args)
    draw_valley(raw_axis, lr, X, y, "raw features: a long narrow valley, crawled along")
    draw_valley(std_axis, lr, lr.standardize(X)[0], y,
                "standardized: a round bowl, crossed at once", round_axes=True)
    fig.tight_layout()
    if window:
        plt.show()
        return
    out = args.plot or ROOT / ".grader" / "demo.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=100)
    print(f"\npicture written to {out}")


def has_display():
    return sys.platform in ("darwin", "win32") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


LOSS_CEILING = 1e30  # a log axis drawn up to 1e308 overflows in matplotlib's tick maths


def draw_losses(axis, run, args):
    """The loss per epoch on a log scale; a diverging run is drawn until its loss passes
    LOSS_CEILING, and a dotted line marks where it did (or overflowed)."""
    for name, key in (("NumPy", "losses_np"), ("torch", "losses_t")):
        losses = run[key]
        drawable = np.isfinite(losses) & (losses > 0) & (losses < LOSS_CEILING)
        axis.plot(np.arange(len(losses)), np.where(drawable, losses, np.nan),
                  label=name, linestyle="-" if name == "NumPy" else "--")
    axis.set_yscale("log")
    losses = run["losses_np"]
    beyond = np.flatnonzero(~(np.isfinite(losses) & (losses < LOSS_CEILING)))
    if beyond.size:
        axis.axvline(beyond[0], color="tab:red", linestyle=":",
                     label=f"loss above {LOSS_CEILING:.0e} from epoch {beyond[0]}")
    lost = first_overflow(losses)
    state = "diverges" if diverged(losses) else "falls"
    if lost is not None:
        state += f", overflows at epoch {lost}"
    axis.set_title(f"the loss {state} (learning rate {args.learning_rate})")
    axis.set_xlabel("epoch")
    axis.set_ylabel("loss (MSE)")
    axis.legend()


def draw_valley(axis, lr, X, y, title, round_axes=False):
    """Contours of the loss over two weights (the others at their best values) and the path
    train_numpy takes there, at half the largest learning rate that does not diverge."""
    a, b = VALLEY
    solution = np.linalg.lstsq(np.column_stack([X, np.ones(len(X))]), y, rcond=None)[0]
    rate = 0.5 * largest_stable_rate(X)
    epochs = np.unique(np.geomspace(1, 300, 30).astype(int))
    path = np.array([[0.0, 0.0]] + [np.asarray(lr.train_numpy(X, y, rate, int(k))[0])[[a, b]]
                                    for k in epochs])
    ends = np.vstack([path, solution[[a, b]]])
    pad = (ends.max(0) - ends.min(0)) * 0.2 + 1e-9
    if round_axes:  # a square window, so the contours fill the equal-aspect panel
        middle, half = (ends.max(0) + ends.min(0)) / 2, (ends.max(0) - ends.min(0)).max() / 2
        ends = np.vstack([middle - half, middle + half])
        pad = np.full(2, pad.max())
    wa = np.linspace(ends[:, 0].min() - pad[0], ends[:, 0].max() + pad[0], 80)
    wb = np.linspace(ends[:, 1].min() - pad[1], ends[:, 1].max() + pad[1], 80)
    A, B = np.meshgrid(wa, wb)
    residual = np.column_stack([X, np.ones(len(X))]) @ solution - y
    change = (X[:, a, None, None] * (A - solution[a]) + X[:, b, None, None] * (B - solution[b]))
    loss = np.mean((residual[:, None, None] + change) ** 2, axis=0)
    axis.contour(A, B, loss, levels=np.geomspace(loss.min() * 1.01, loss.max(), 15),
                 cmap="Blues")
    axis.plot(path[:, 0], path[:, 1], "o-", color="tab:orange", markersize=3, label="descent")
    axis.plot(*solution[[a, b]], "k*", markersize=12, label="minimum")
    axis.set_title(f"{title}\n(learning rate {rate:.3g}, {epochs[-1]} epochs)")
    if round_axes:  # one unit is as long on both axes, so a round bowl looks round
        axis.set_aspect("equal", adjustable="datalim")
    axis.set_xlabel(f"w{a + 1}")
    axis.set_ylabel(f"w{b + 1}")
    axis.legend(loc="lower right")


if __name__ == "__main__":
    sys.exit(main())
