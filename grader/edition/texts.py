"""Texts written into the student edition: the learner's README and the conftest.py that
keeps a plain `pytest` away from the public checks (the workflow is
grader.edition.classroom_workflow)."""

ROOT_CONFTEST = '''"""The public checks in public_checks/ run inside the grader (`grader run`),
which provides their fixtures; a plain `pytest` run leaves them alone."""

collect_ignore = ["public_checks"]
'''

LEARNER_README = """\
# descent-kata: learn how deep learning trains

Five exercises, one lesson: training a model is finding the minimum of its loss; the
derivative says which way is downhill; gradient descent (梯度下降) subtracts it step by
step; PyTorch's autograd (自动求导) computes it for you; and linear regression (线性回归)
is trained by exactly that loop.

{exercise_list}

## Set up

Python 3.11 or newer. In this folder, in a virtual environment, with the CPU build of
PyTorch (the exercises need no GPU):

    python -m venv .venv && . .venv/bin/activate      # Windows: .venv\\Scripts\\activate
    pip install torch --index-url https://download.pytorch.org/whl/cpu
    pip install -e ".[learn]"                          # the grader, and matplotlib for plots

For Jupyter: `pip install jupyterlab`, then `jupyter lab` in this folder.

## Work

Open `exercises/01_derivatives.py` (or its notebook twin `.ipynb`) and replace each
`raise NotImplementedError` with your code. Then:

    grader watch         # grades the first exercise not yet passed, again on every save
                         # (h: next hint, n: next exercise once it passes, q: quit)
    grader run 01        # grade exercise 01 once (or `grader run` for all of them)
    grader hint 01       # a hint for the first function not yet passed, gentle first
    grader plot 02       # draws your descent path (04, 05: your loss curves)
    grader list          # every exercise, your points and what is next

In a notebook, the last cell runs `check("01")`; `hint("01")` gives the next hint.
Every command speaks Chinese too: `grader run 01 --lang zh`, or `GRADER_LANG=zh`;
`check("01", lang="zh")` in a notebook.

`grader run` checks your functions on the public checks in `public_checks/`: fixed inputs and
the results the reference solution gave on them (`public_checks/NN_topic.json`, readable). Your
instructor grades with more checks, on fresh random inputs, so make your functions right in
general, not only on these inputs.
A wrong result tells you the call, what came back, what was expected and by how much, and
often which known mistake explains it.

## Continuous integration

`.github/workflows/grade.yml` runs the public checks on every push: one step per exercise,
whose points GitHub Classroom records when the repository belongs to a Classroom
assignment. The run's summary shows your score function by function (`grader run --json
results.json`), and `results.json` is kept as an artifact of the run.
"""
