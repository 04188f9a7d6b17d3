"""A Picture as a matplotlib figure: the reference dashed, the learner's result solid, both
over the same backdrop. matplotlib is imported here only, and only `grader plot` and the
notebook's check() come here: grading never does."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from grader.pictures.scenes import Panel, Picture
from grader.records import messages
from grader.records.errors import SetupError

STYLES = {  # role -> how its line looks; the learner's on top
    "reference": {"color": "black", "linestyle": "--", "marker": "o", "markersize": 4,
                  "linewidth": 1.2, "zorder": 3},
    "learner": {"color": "tab:orange", "linestyle": "-", "marker": "x", "markersize": 6,
                "linewidth": 2.0, "alpha": 0.85, "zorder": 4},
}


NON_INTERACTIVE = {"agg", "cairo", "pdf", "pgf", "ps", "svg", "template"}
# Fonts that hold the Chinese of the labels, as the usual systems name them; matplotlib's own
# DejaVu Sans has none, so without one of these Chinese labels would be drawn as boxes.
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
                "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC", "Heiti SC",
                "Hiragino Sans GB")


def _matplotlib():
    try:
        import matplotlib
    except ImportError:
        raise SetupError(messages.text("picture.no_matplotlib")) from None
    return matplotlib


def _new_figure(size: tuple, interactive: bool):
    """A window's figure (pyplot) or a bare one: a bare Figure never touches the backend, so
    drawing in a notebook or without a display leaves the learner's own plotting alone."""
    _matplotlib()
    if interactive:
        import matplotlib.pyplot as plt

        return plt.figure(figsize=size)
    from matplotlib.figure import Figure

    return Figure(figsize=size)


def bare_figure(size: tuple):
    """A figure that never touches a backend, for pictures written to files."""
    return _new_figure(size, False)


def use_label_font(fig) -> None:
    """Every text of `fig` in the font the current language needs (Chinese has its own)."""
    family = label_font(messages.current())
    if family:
        from matplotlib.text import Text

        for text in fig.findobj(Text):
            text.set_fontfamily([family, "DejaVu Sans"])


def check_installed() -> None:
    """A set-up error, before any worker starts, when matplotlib is missing."""
    _matplotlib()


def display_available() -> bool:
    """Whether a window can be shown: a desktop (macOS, Windows, X or Wayland) and a
    matplotlib backend that opens windows (without a GUI toolkit it falls back to Agg,
    whose show() returns at once and shows nothing)."""
    desktop = sys.platform in ("darwin", "win32") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if not desktop:
        return False
    import matplotlib.pyplot as plt  # resolves the backend: the first GUI toolkit that works

    backend = plt.get_backend().lower()
    return backend not in NON_INTERACTIVE and not backend.startswith("module://")


def label_font(language: str) -> str | None:
    """The font family labels in `language` are drawn with: "" (matplotlib's default) for
    English, an installed Chinese font for zh, None when none is installed."""
    if language != "zh":
        return ""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in installed), None)


def labels_language(language: str) -> str:
    """The language a picture can be labelled in here: English where no font can draw the
    asked one (the command says so, in the learner's language)."""
    return language if label_font(language) is not None else "en"


def picture_language(notice: TextIO) -> str:
    """labels_language of the learner's language; where pictures cannot be labelled in it,
    says so on `notice` (in the learner's language), so boxes are never drawn unexplained."""
    language = labels_language(messages.current())
    if language != messages.current():
        print(messages.text("picture.no_font"), file=notice)
    return language


def figure(picture: Picture, interactive: bool = False):
    count = len(picture.panels)
    fig = _new_figure((5.2 * count, 4.4), interactive)
    axes = fig.subplots(1, count, squeeze=False)
    for axis, panel in zip(axes[0], picture.panels):
        _draw(axis, panel)
    fig.suptitle(f"{picture.exercise}: {picture.function}")
    if picture.notes:
        fig.text(0.01, 0.01, "\n".join(picture.notes), fontsize=8, color="tab:red",
                 va="bottom", wrap=True)
    use_label_font(fig)
    fig.tight_layout(rect=(0, 0.06 * len(picture.notes), 1, 1))
    return fig


def _draw(axis, panel: Panel) -> None:
    for xs, ys in panel.backdrop:
        axis.plot(xs, ys, color="tab:blue", linewidth=1.0, alpha=0.6)
    if panel.contour is not None:
        axis.contour(*panel.contour, levels=18, cmap="Blues", linewidths=0.8)
    if panel.marker is not None:
        axis.plot(*panel.marker, "o", color="tab:blue", markersize=7)
    for role in ("reference", "learner"):
        if role in panel.series:
            xs, ys = panel.series[role]
            style = dict(STYLES[role], **({} if panel.markers else {"marker": ""}))
            axis.plot(xs, ys, label=messages.text(f"picture.{role}"), **style)
    if panel.log_y:
        axis.set_yscale("log")
    axis.set_title(panel.title, fontsize=10)
    axis.set_xlabel(panel.xlabel)
    axis.set_ylabel(panel.ylabel)
    if panel.series:
        axis.legend(fontsize=8)


def save(fig, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    return path


def show(fig) -> None:
    import matplotlib.pyplot as plt

    plt.show()


def png_bytes(fig) -> bytes:
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()
