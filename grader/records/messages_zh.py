"""Simplified Chinese sentences for the keys added with the Gradescope bundle (merged into
the full Chinese table)."""

TABLE: dict[str, str] = {
    "gradescope.graded": "**{score}/{max_score} 分**（由老师的测试评出）。",
    "gradescope.later.after_due_date": (
        "老师的测试已经批改了这次提交。你的分数和每个测试的详情会在截止日期之后显示。"
    ),
    "gradescope.later.after_published": (
        "老师的测试已经批改了这次提交。你的分数和每个测试的详情会在老师公布成绩之后显示。"
    ),
    "gradescope.later.hidden": (
        "老师的测试已经批改了这次提交。分数和每个测试的详情由老师保存，不会在这里显示。"
    ),
    "gradescope.exercise_points": "- `{exercise}`：{score}/{max_score}（批改的文件：`{source}`）",
    "gradescope.exercise_file": "- `{exercise}`：批改的文件是 `{source}`",
    "gradescope.exercise_missing": (
        "- `{exercise}`：没有找到文件；请上传 `{exercise}.py` 或 `{exercise}.ipynb`"
    ),
    "gradescope.exercise_unloadable": "- `{exercise}`：`{source}` 无法加载：{error}",
    "bundle.done": (
        "已写入 {path}（共 {files} 个文件；隐藏测试详情的可见性：{visibility}）。"
        "请把它作为 Gradescope 编程作业的自动评分程序上传。"
    ),
}
