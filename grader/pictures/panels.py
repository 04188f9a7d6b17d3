"""One panel per picture spec of the kata's pictures.py: call both roles, turn their results
into lines, and put the right backdrop behind them (see that file for the kinds)."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.pictures import curves
from grader.pictures.scenes import (
    ROLES,
    Caller,
    Panel,
    Picture,
    as_array,
    build,
    choose,
    trusted_callables,
)
from grader.records import messages


def make_panel(spec: dict, caller: Caller, callables: Any) -> Panel:
    kind = spec["kind"]
    if kind == "tangent":
        return _tangent(spec, caller, callables)
    results = {role: _results(spec, caller, role) for role in ROLES}
    if kind == "path":
        return _path(spec, results, callables)
    if kind == "loss":
        return _loss(spec, results, callables)
    raise ValueError(f"pictures.py: unknown kind {kind!r}")


def _results(spec: dict, caller: Caller, role: str) -> np.ndarray | None:
    """The path (or losses) one role gives: one call, or one per epoch count with
    `epochs_arg`, stacked. None when the role failed or returned something not numeric."""
    args = list(spec["args"])
    index = spec.get("epochs_arg")
    if index is None:
        got = caller.call(role, args)
        if got is None:
            return None
        picked = got[spec["losses_at"]] if "losses_at" in spec and _indexable(got) else got
        return _checked(caller, role, got, picked)
    rows = []
    for epochs in range(int(args[index]) + 1):
        got = caller.call(role, args[:index] + [epochs] + args[index + 1:])
        row = None if got is None else _checked(caller, role, got, got)
        if row is None:
            return None
        rows.append(row)
    if len({row.shape for row in rows}) != 1:
        caller.unusable(role, got)
        return None
    return np.stack(rows)


def _indexable(value: Any) -> bool:
    return isinstance(value, (list, tuple))


def _checked(caller: Caller, role: str, got: Any, picked: Any) -> np.ndarray | None:
    array = as_array(picked)
    if array is None or array.dtype.kind != "f":
        caller.unusable(role, got)
        return None
    return array


def _learning_rate_title(spec: dict, reference: np.ndarray | None) -> str:
    title = messages.text("picture.learning_rate", rate=spec["args"][spec["learning_rate_arg"]])
    if reference is not None and _diverges(reference):
        title += "\n" + messages.text("picture.diverges")
    return title


def _judged(results: dict) -> np.ndarray | None:
    """The path (or losses) that says whether this learning rate diverges: the reference's,
    or the learner's where there is no reference (a student edition)."""
    reference = results.get("reference")
    return reference if reference is not None else results.get("learner")


def _diverges(path: np.ndarray) -> bool:
    """The steps (or the loss) grow instead of shrinking."""
    if path.ndim == 1 and path.size >= 2 and np.all(path >= 0) and path[-1] > path[0]:
        return True  # a loss that ends higher than it started
    flat = path.reshape(len(path), -1)
    if len(flat) < 3:
        return False
    steps = np.linalg.norm(np.diff(flat, axis=0), axis=1)
    return bool(steps[-1] > steps[0] or not np.all(np.isfinite(steps)))


def _path(spec: dict, results: dict, callables: Any) -> Panel:
    drawn = {role: path for role, path in results.items() if path is not None}
    title = _learning_rate_title(spec, _judged(results))
    if "gradient" in spec:
        return _plane(spec, drawn, callables, title)
    every = np.concatenate([path.ravel() for path in drawn.values()] or [np.zeros(1)])
    lo, hi = curves.limits(every)
    xs, ys = curves.curve_from_slope(build(spec["slope"], callables), lo, hi)
    panel = Panel(title, "x", messages.text("picture.height"), backdrop=[(xs, ys)])
    for role, path in drawn.items():
        points = path.ravel()
        inside = (points >= lo) & (points <= hi)
        panel.series[role] = (points[inside], curves.value_on_curve(xs, ys, points[inside]))
    return panel


def _plane(spec: dict, drawn: dict, callables: Any, title: str) -> Panel:
    every = np.concatenate([path.reshape(-1, 2) for path in drawn.values()] or [np.zeros((1, 2))])
    xlim, ylim = curves.limits(every[:, 0]), curves.limits(every[:, 1])
    surface = curves.surface_from_gradient(build(spec["gradient"], callables), xlim, ylim)
    panel = Panel(title, "p[0]", "p[1]", contour=surface)
    for role, path in drawn.items():
        points = path.reshape(len(path), -1)
        panel.series[role] = (points[:, 0], points[:, 1])
    return panel


def _loss(spec: dict, results: dict, callables: Any) -> Panel:
    loss = build(spec["loss"], callables) if "loss" in spec else None
    series = {}
    for role, values in results.items():
        if values is None:
            continue
        losses = np.array([loss(row) for row in values]) if loss is not None else values.ravel()
        series[role] = (np.arange(len(losses)), losses)
    title = _learning_rate_title(spec, _judged({role: ys for role, (_, ys) in series.items()}))
    positive = all(np.all(ys > 0) for _, ys in series.values())
    return Panel(title, messages.text("picture.epoch"), messages.text("picture.loss"),
                 series=series, log_y=positive and bool(series))


def _tangent(spec: dict, caller: Caller, callables: Any) -> Panel:
    f, x0 = build(spec["curve"], callables), float(spec["args"][2])
    lo, hi = spec["span"]
    xs = np.linspace(lo, hi, 300)
    panel = Panel(messages.text("picture.tangent", x0=x0), "x", "f(x)",
                  backdrop=[(xs, f(xs))], marker=(x0, float(f(x0))), markers=False)
    near = np.linspace(max(lo, x0 - 1.5), min(hi, x0 + 1.5), 50)
    for role in ROLES:
        got = caller.call(role, list(spec["args"]))
        line = None if got is None else as_array(got)
        if got is not None and (line is None or line.shape != (2,)):
            caller.unusable(role, got)
            continue
        if line is not None:
            panel.series[role] = (near, line[0] * near + line[1])
    return panel


def picture(paths: Any, entry: Any, function: str | None, pool: Any) -> Picture:
    """The picture of `function` (the exercise's first pictured one when None)."""
    function, specs = choose(paths, entry, function)
    caller = Caller(paths, entry, function, pool)
    callables = trusted_callables(paths)
    panels = [make_panel(spec, caller, callables) for spec in specs]
    return Picture(entry.id, function, panels, caller.notes_in_words())
