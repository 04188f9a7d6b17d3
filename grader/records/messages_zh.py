"""The Simplified Chinese table of grader.records.messages: the same keys as
grader.records.messages_en and the same placeholders in each template, worded as the course's
teachers say it (梯度下降, 偏导数, 自动求导, 梯度清零, 学习率, 损失函数, 线性回归)."""

TABLE: dict[str, str] = {
    # Status words, keyed by grader.records.results.Status values.
    "status.passed": "通过",
    "status.wrong": "答案错误",
    "status.error": "出错",
    "status.timed out": "超时",
    "status.not started": "未开始",
    # Why a function did not pass (composed by the execution layer).
    "not_started": (
        "未开始：{function} 仍然抛出 NotImplementedError。请把 `raise NotImplementedError` "
        "这一行换成你自己的代码。"
    ),
    "timed_out": (
        "超时：{function} 在 {seconds} 秒内没有返回（是不是死循环，或者迭代次数太多？）。"
        "它已被终止，其他函数照常评分。"
    ),
    "raised": "{function} 抛出了 {exception}：{message}",
    "raised.unprintable": "<{exception}，其消息无法显示>",
    "raised_expected": "在这里 {function} 应当抛出 {expected}，但{outcome}。",
    "returned_instead": "它返回了 {got}",
    "raised_other": "它抛出了 {exception}：{message}",
    "crashed": "{function} 让运行它的进程停止了（{reason}）；其他函数照常评分。",
    "exited": "{function} 调用了 exit（{code}）；请返回一个值，而不是退出程序。",
    "out_of_memory": (
        "{function} 使用的内存超过了 {limit} GiB 的上限，已被停止；其他函数仍照常评分。"
    ),
    "load.out_of_memory": "加载 {file} 时使用的内存超过了 {limit} GiB 的上限。",
    "load.budget_spent": "{file} 未被加载：本次提交的 {seconds} 秒评分时间已经用完。",
    "missing_function": "{file} 里没有定义名为 {function} 的函数。",
    "reference_not_finite": (
        "参考答案出错：{function} 的参考答案在这些输入上返回了 {got}，而 NaN 和无穷大永远不算正确："
        "需要修改隐藏测试的输入。这是评分程序的问题，不是你的代码的问题。"
    ),
    "reference_failed": (
        "参考答案出错：{function} 的参考答案没有运行成功（{reason}）。"
        "这是评分程序的问题，不是你的代码的问题。"
    ),
    "no_tests": "没有隐藏测试为 {function} 评分：这是评分程序的问题，不是你的代码的问题。",
    "traceback": "出错位置（只显示你的代码）：",
    "test_failed": "隐藏测试本身出错了（这是评分程序的问题，不是你的代码的问题）：{error}",
    "test.itself": "隐藏测试",
    "test.check_failed": "隐藏测试中的一项检查没有通过",
    "traceback.frame": "  {where}，在 {function} 中",
    # Why a worker stopped without a usable reply (grader.grading.checks puts them in "crashed").
    "crash.too_large": "它的结果超过了单个值允许的 64 MiB",
    "crash.invalid": "它传回的内容不是一个有效的答复",
    "mismatched_reply": (
        "{function} 传回的答复与收到的调用不相符（不是调用时给它的输入），因此无法评分。"
    ),
    "crash.encode": "它的结果无法作为普通数据传回",
    "crash.signal": "被信号 {signal} 终止",
    "crash.exit_code": "退出码 {code}",
    # Loading an exercise file.
    "load.missing_file": "{exercise}：没有找到 exercises/{exercise}.py 或 .ipynb。",
    "load.syntax": "{file}，第 {line} 行：语法错误：{message}",
    "load.syntax_cell": "{file}，第 {cell} 个单元格，第 {line} 行：语法错误：{message}",
    "load.raised": "加载 {file} 时抛出了 {exception}：{message}",
    "load.exited": "加载 {file} 时调用了 exit（{code}）；请删掉这个 exit 调用。",
    "load.exited_at": "{where}：加载时调用了 exit（{code}）；请删掉这一行的 exit 调用：",
    "load.timed_out": "加载 {file} 没能在 {seconds} 秒内完成。",
    "load.crashed": "加载 {file} 时，运行它的进程停止了（{reason}）。",
    "load.failed_function": "未评分：{reason}",
    "load.unreadable": "{file}：无法读取（{reason}）",
    "load.in_file": "{file}：{problem}",
    "load.where_line": "{file}，第 {line} 行",
    "load.where_cell": "{file}，第 {cell} 个单元格，第 {line} 行",
    # What a wrong answer was called with, what came back and what was expected.
    "check.called": "调用：{call}",
    "check.helpers": "按名字传入的函数定义如下：\n{code}",
    "check.argument": "第 {number} 个参数",
    # Comparison: one template per Difference kind (see grader.grading.compare.describe).
    "diff.type": "{path}：应为 {expected}，得到的是 {got}。",
    "diff.length": "{path} 的长度是 {got}，应为 {expected}。",
    "diff.shape": "{path} 的形状是 {got}，应为 {expected}。",
    "diff.dtype": "{path} 的 dtype 是 {got}，应为 {expected}。",
    "diff.device": "{path} 在设备 {got} 上，应在 {expected} 上。",
    "diff.requires_grad": (
        "{path} 的 requires_grad={got}，应为 {expected}：请返回一个从计算图中分离出来的"
        "张量（.detach()）。"
    ),
    "diff.key": "{path}：键应为 {expected}，得到的是 {got}。",
    "diff.not finite": "{path} 是 {got}，应为 {expected}：NaN 和无穷大一律不算对。",
    "diff.rejected": "{path}：返回了 {got}；请返回普通的数值、数组或张量。",
    "diff.value": "{path}：得到 {got}，应为 {expected}{detail}。",
    "diff.value_tolerance": "（相差 {abs_diff}；容差：相对 {rtol}，绝对 {atol}）",
    "diff.value_exact": "（必须完全相等）",
    "diff.where": "{where}（{total} 个值中有 {count} 个不同）",
    "diff.input": "输入参数 {name}",
    "diff.result": "返回值",
    "diff.changed input": (
        "你的函数修改了{path}：调用前是 {expected}，调用后是 {got}{detail}。"
        "请在输入的副本上计算。"
    ),
    "diff.changed_by": "，变化量为 {abs_diff}（相对 {rel_diff}），保留 7 位有效数字时看不出来",
    "diff.returned_none": (
        "{path}：应为 {expected}，得到的却是 None。函数执行完却没有遇到 `return` 语句时，"
        "就会返回 None：是不是忘了用 `return` 返回结果？"
    ),
    # Short names of kinds of values, used inside comparison messages.
    "type.float": "浮点数（Python float、NumPy 浮点标量或 0 维浮点数组）",
    "type.int": "int",
    "type.bool": "bool",
    "type.complex": "复数",
    "type.str": "str",
    "type.none": "None",
    "type.tuple": "tuple",
    "type.list": "list",
    "type.sequence": "tuple 或 list",
    "type.dict": "dict",
    "type.ndarray": "NumPy 数组",
    "type.tensor": "torch 张量",
    "type.scalar_shape": "()（标量）",
    "type.other": "{name}",
    # Captured output.
    "output.truncated": "[……还有 {dropped} 字节的输出没有显示……]",
    "output.printed": "你的代码打印了：",
    # Reports.
    "report.title": "{kata}：已评分 {count} 个练习，随机种子 {seed}，设备 {devices}",
    "report.source": "文件：{source}",
    "report.no_source": "文件：没有找到",
    "report.failure": "> {function}（{status}）：",
    "report.load_error": "无法加载：{error}",
    "report.points": "{score}/{max_score}",
    "report.exercise_points": "{score}/{max_score} 分",
    "report.total": "总分：{score}/{max_score} 分；{checks} 项检查中通过了 {passed} 项。",
    "report.seed": "随机种子 {seed}：运行 `grader run --seed {seed}` 可以得到相同的输入。",
    "report.all_passed": "所有检查都通过了。",
    "report.next_hint": "卡住了？运行 `grader hint {exercise}` 查看提示。",
    "report.next_exercise": "下一个练习：{exercise}，运行 `grader run {number}`。",
    "report.course_done": "本套练习已全部通过，做得好！",
    "report.output_lines": "[……还有 {count} 行……]",
    "gradescope.output": (
        "{score}/{max_score} 分。评分所用随机种子 {seed}，设备 {devices}；"
        "运行 `grader run --seed {seed}` 可以得到相同的输入。"
    ),
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
    "gradescope.exercise_points": "- `{exercise}`：{score}/{max_score}（批改的文件：{source}）",
    "grade.not_an_edition": (
        "--public-checks {folder}：不是学生版（需要 public_checks/，且不能有 hidden_tests/；"
        "`grader release` 会生成学生版）"
    ),
    "grade.other_edition": "--public-checks {folder}：这是另一份目录（catalogue）的学生版",
    "new_exercise.wrote": "已写入 {path}",
    "new_exercise.next": (
        "现在项目的测试照样通过。接下来把 {exercise} 改成你的练习（见 docs/authoring.md）："
        "题目文件、参考答案、隐藏测试和目录条目；"
        "对题目文件运行 `grader run {number}` 会显示“尚未开始”。"
    ),
    "gradescope.public_check": "{name}：公开检查",
    "gradescope.exercise_file": "- `{exercise}`：批改的文件是 {source}",
    "gradescope.exercise_missing": (
        "- `{exercise}`：没有找到文件；请上传 `{exercise}.py` "
        "或 `{exercise}.ipynb`"
    ),
    "gradescope.exercise_unloadable": "- `{exercise}`：{source} 无法加载：{error}",
    "bundle.done": (
        "已写入 {path}（共 {files} 个文件；隐藏测试详情的可见性：{visibility}）"
        "。请把它作为 Gradescope 编程作业的自动评分程序上传。"
    ),
    "gradebook.graded": "已评分",
    "gradebook.ungraded": "未评分：{reason}",
    # Reading a notebook (in a worker: see grader.workers.notebook_source); the file name goes
    # in front.
    "notebook.unreadable": "无法读取（{reason}）",
    "notebook.bad_json": (
        "不是有效的 notebook：JSON 在第 {line} 行第 {column} 列格式有误（{reason}）"
    ),
    "notebook.not_an_object": "不是 notebook（JSON 不是一个对象）",
    "notebook.no_version": "不是 notebook（文件里没有 nbformat 版本号）",
    "notebook.old_version": (
        "不支持 notebook 格式版本 {version}；评分程序读取的是版本 {supported}"
        "（在新版 Jupyter 中打开并保存这个 notebook 即可转换）"
    ),
    "notebook.no_cells": "不是有效的 notebook（没有单元格列表）",
    "notebook.bad_source": "第 {number} 个单元格没有可读的源代码",
    "notebook.no_code": (
        "这个 notebook 里没有可以评分的代码（没有哪个代码单元格写了代码，或者每个都带有"
        "标签 {tag!r}）"
    ),
    "notebook.syntax": "{where}：{reason}",
    "notebook.syntax_in": "{where}：{reason}，出错的代码：{text}",
    "notebook.where": "第 {cell} 个单元格，第 {line} 行",
    "notebook.in_file_at": "{file}，{text}",
    "notebook.unknown_cell": "某个未知的单元格",
    # `grader notebook`: what became of each notebook, or why it was not written.
    "notebook_make.done": "{file}：{outcome}",
    "notebook_make.written": "已生成",
    "notebook_make.updated": "已更新",
    "notebook_make.up_to_date": "已是最新",
    "notebook_make.kept": "已保留：它和 `grader notebook` 生成的内容不同（加 --force 可以替换它）",
    "notebook_make.overwritten": "已覆盖",
    "notebook_make.not_written": "{file}：未生成：{reason}",
    "notebook_make.unreadable": "{file}：无法读取（{reason}）",
    "notebook_make.syntax": "{file}，第 {line} 行：{reason}",
    # The texts `grader notebook` writes into a notebook (Markdown; the code comment is Python).
    "notebook_text.notes": (
        "**如何使用这个 notebook。** 在下面的代码单元格里写出你的答案，然后运行最后一个单元格"
        "检查答案。评分的是已保存的 notebook *文件*，所以请先保存（Ctrl-S）；报告会告诉你被评分的"
        "文件是什么时候保存的。如果 `.py` 文件和这个 notebook 都存在，评分程序会评最后保存的那一个"
        "（`grader list` 会显示是哪一个），在命令行里（`grader run`）也是如此。\n"
        "\n"
        "评分时，每个代码单元格都在一个全新的 Python 进程中从上到下运行一次，加载有单独的时间限制："
        "只有 Jupyter 才能识别的行（`%magic`、`!command`）会被跳过，`display(...)` 不起作用。"
        "耗时的实验（很长的训练循环、画图）不要放进评分：给它们所在的单元格加上标签 `{tag}`，"
        "或者把它们放在 `if __name__ == \"__main__\":` 下面。消息用“第 4 个单元格，第 2 行”"
        "这样的方式指出位置：从最上面开始数所有单元格，文本单元格也算在内。"
    ),
    "notebook_text.check": (
        "## 检查你的答案\n\n先保存 notebook（Ctrl-S），再运行下面的单元格。它会在一个单独的进程"
        "中为你的函数评分，和 `grader run {number}` 完全一样，打印同样的报告，并把答错的函数的结果"
        "和参考答案的结果画在一起。（它的标签 `{tag}` 让评分程序在为这个 notebook 评分时"
        "不运行它。）\n\n"
        "`hint(\"{number}\")` 会给出第一个还没通过的函数的下一条提示；"
        "`check(\"{number}\", lang=\"en\")` 用英文输出报告。在终端里，`grader watch` 会在每次保存后"
        "重新为 notebook 评分，`grader plot {number}` 会画出你的结果。"
    ),
    "notebook_text.check_comment": "# 报告也会作为数据返回：report.score、report.checks。",
    "notebook_text.hint_comment": '# 卡住了？hint("{number}") 会给出第一个还没通过的函数的提示。',
    # grader.check() in Jupyter.
    "inline.skipped": (
        "grader.check() 已跳过：这段代码正作为模块被加载（用于评分或被 import），"
        "而不是在 Jupyter 中或作为脚本运行。"
    ),
    "inline.graded_heading": "评分的是已保存的文件（想让最新的修改参与评分，请先保存 notebook）：",
    "inline.graded": "  {exercise}：{file}，保存于{when}",
    "inline.missing": "  {exercise}：没有可评分的文件",
    "inline.saved_today": "今天 {time}",
    "inline.saved_earlier": "{date} {time}",
    "inline.unsaved": (
        "还没保存？这个内核中最近运行的 {functions} 的代码不在已保存的 notebook 里，"
        "所以没有参与评分。请保存（Ctrl-S）后再检查一次。"
    ),
    "inline.unknown_device": "未知设备 {device!r}：请从 {choices} 中选一个",
    # Set-up problems a learner can meet before anything is graded.
    "setup.no_cuda": "--device cuda：torch 在这里找不到 CUDA 设备；请使用 --device cpu 或 auto",
    "setup.unknown_language": "未知语言 {code!r}：请从 {choices} 中选一个",
    "cli.error": "grader：{error}",
    "cli.interrupted": "grader：已中断",
    "setup.no_kata": "没有找到 kata：{start} 及其上层的文件夹里都没有 exercises/ 文件夹",
    # `grader list` and `grader hint`.
    "list.header": "{number:>2}  {id} {status} {points} {file}",  # all but file come padded
    "list.total": "{bar} {score}/{max_score} 分",
    "list.column.points": "得分",
    "list.edited": "{status}（上次运行后已修改）",
    "list.no_file": "没有文件",
    "list.column.exercise": "练习",
    "list.column.status": "状态",
    "list.column.file": "文件",
    "list.status.not started": "未开始",
    "list.status.failing": "未通过",
    "list.status.passed": "已通过",
    "hint.shown": "{exercise} 的函数 {function}，提示 {number}/{count}：{text}",
    "hint.last": "这是 {function} 的最后一条提示；`grader hint {exercise} --all` 会列出全部提示。",
    "hint.all_passed": (
        "上次运行中 {exercise} 的所有函数都已通过，不需要提示。"
        "`grader hint {exercise} --all` 仍可列出全部提示。"
    ),
    "hint.none": "{exercise}：{function} 没有提示。",
    # `grader watch`.
    "watch.keys": "正在监视 {source}：保存文件即重新评分。\nh 提示   n 下一个练习   q 退出",
    "watch.grading": "正在评分 {exercise}……",
    "watch.passed": "{exercise} 已通过。按 n 进入下一个练习 {next}。",
    "watch.not_yet": "{exercise} 通过之后才能按 n 进入下一个练习。",
    "watch.course_done": "所有练习都已通过。按 q 退出。",
    # Why a submission, or one of its files, was not graded (`grader grade`, the gradebook).
    "staging.absent": "不存在",
    "staging.not_a_folder": "不是文件夹",
    "staging.unreadable": "无法读取（{reason}）",
    "staging.file": "{file}：{problem}",
    "staging.symlink": "{file}：是符号链接，不是文件",
    "staging.not_regular": "{file}：不是普通文件",
    "staging.too_large": "{file}：大于 {megabytes} MB",
    "staging.empty": "提交内容为空",
    "staging.no_files": "没有练习文件（文件名应类似 exercises/{example}.py 或 .ipynb）",
    "grade.problem": "grader：{name}：{problem}",
    "grade.done": "{total} 份提交中已评分 {graded} 份；成绩册：{gradebook}",
    "grade.progress": "已评分 {done}/{total}，大约还需 {left} ",
    "grade.unconfined": (
        "grader：警告：学员代码在没有隔离的情况下运行（{reason}）；它可以读取 solutions/ 和 "
        "tests/，也可以向这个进程发送信号（见 README：Sandbox）"
    ),
    "collect.done": "已汇总 {total} 份提交（{graded} 份已评分）；成绩册：{gradebook}",
    "release.done": "学生版已发布到 {root}：{cases} 项公开检查，{notebooks} 个 notebook",
    "grade.kept": "已更新 {updated} 行，保留先前输出中的 {kept} 行",
    "grade.nothing": "没有需要评分的：所列提交在 {out} 中都已评分，且之后没有改动",
    "grade.stopped": (
        "grader：已停止；目前已评分 {graded} 份提交，{left} 份未评分：已中断；"
        "输出已写入（{gradebook}）。用同一命令加 --resume 继续完成"
    ),
    "grade.interrupted": "已中断",
    "grade.earlier_unreadable": "{error}；加 --fresh 可重新开始这个文件夹",
    "grade.other_kata": (
        "{folder} 中是另一个练习集（练习不同）的成绩；请评分到别的文件夹，或加 --fresh 重新开始"
    ),
    "grade.other_seed": (
        "{folder} 用 --seed {seed} 评分，而不是 {new}：一个班级共用一个种子。"
        "不写 --seed 即沿用 {seed}，或加 --fresh 重新开始"
    ),
    "grade.other_devices": (
        "{folder} 是在 {devices} 上评分的；请用相同的 --device，或加 --fresh 重新开始"
    ),
    "grade.other_shard": "{folder} 中是另一个分片；请用它的 --shard，或加 --fresh",
    "gradebook.missing": "缺交：没有提交",
    "gradebook.yes": "是",
    "gradebook.no": "否",
    "roster.unreadable": "无法读取名单 {path}：{error}",
    "roster.columns": (
        "名单 {path} 缺少列 {missing}（需要表头 submission,student_id,name,email，section 可选）"
    ),
    "roster.bad_row": "名单 {path} 第 {line} 行：提交名 {name!r} 为空或重复",
    # ---- `grader report`：班级概览（report.html、report.md）
    "class_report.title": "{kata}：班级概览",
    "class_report.done": "已写入 {html} 和 {markdown}",
    "class_report.no_pictures": "grader：报告中没有图：{reason}",
    "class_report.title_overview": "概览",
    "class_report.overview": (
        "共 {learners} 名学生：已评分 {graded} 名，未评分 {not_graded} 名"
        "（学生自身原因，如未提交或没有练习文件，见下文），评分程序或环境故障 {faults} 处"
        "（单独列出，见下文）。满分 {max_score} 分。"
    ),
    "class_report.overview_scores": (
        "共 {learners} 名学生：已评分 {graded} 名，未评分 {not_graded} 名"
        "（学生自身原因，如未提交或没有练习文件，见下文），评分程序或环境故障 {faults} 处"
        "（单独列出，见下文）。满分 {max_score} 分。平均分 {mean}，中位数 {median}；"
        "得满分的 {full} 人。"
    ),
    "class_report.chart_scores": "分数分布",
    "class_report.axis_score": "得分（占满分的百分比）",
    "class_report.axis_learners": "学生数",
    "class_report.title_exercises": "各练习通过率",
    "class_report.exercise": "练习",
    "class_report.passed": "通过",
    "class_report.graded": "已评分",
    "class_report.rate": "通过率",
    "class_report.title_functions": "各函数通过率",
    "class_report.functions_text": (
        "每个学生在每个函数上只计一次：在所有设备上都通过，或按第一个未通过设备的结果归类。"
    ),
    "class_report.chart_functions": "各函数的情况",
    "class_report.function": "函数",
    "class_report.title_misconceptions": "班级的常见误区",
    "class_report.misconceptions_text": (
        "能解释学生错误结果的已知错误（依据行为判断：学生的结果与该错误的模型在相同输入上的结果一致），"
        "按人数从多到少排列。每个学生在每种错误上只计一次。"
    ),
    "class_report.misconceptions_none": "没有任何已知错误能解释学生的失败。",
    "class_report.chart_misconceptions": "各误区的学生数",
    "class_report.diagnosis": "诊断",
    "class_report.meaning": "含义（学生看到的说明）",
    "class_report.learners": "学生数",
    "class_report.who": "哪些学生",
    "class_report.where": "位置",
    "class_report.title_first": "每个学生第一个未通过的函数",
    "class_report.first_text": "按练习顺序：每个学生卡在哪里，以及在那里指出的错误。",
    "class_report.learner": "学生",
    "class_report.score": "得分",
    "class_report.first_failing": "第一个未通过的函数",
    "class_report.status": "状态",
    "class_report.all_passed": "全部通过",
    "class_report.title_same": "完全相同的错误结果",
    "class_report.same_text": (
        "在同一次调用（同一函数、同一输入）上返回完全相同错误值的提交对，这是比较代码的工具看不到的。"
        "其中一部分可以由共同的已知错误解释；无法由已知错误解释的单独计数并排在前面。"
        "这只是值得细看的线索，不是抄袭的证据。"
    ),
    "class_report.same_none": "没有两份提交有相同的错误结果。",
    "class_report.pair": "提交",
    "class_report.identical": "相同的错误结果",
    "class_report.unexplained": "其中无已知错误可解释的",
    "class_report.title_faults": "评分程序或环境的故障",
    "class_report.faults_text": (
        "不是学生的问题，也不算作学生的错误：用 `grader grade ... --only failed` 重新评分"
        "（被中断的用 --resume）。"
    ),
    "class_report.faults_none": "无。",
    "class_report.whole_submission": "整份提交",
    "class_report.what": "发生了什么",
    "class_report.title_not_graded": "无法评分",
    "class_report.why": "原因",
    "class_report.not_graded_none": "每份提交都能评分。",
    # ---- `grader export`
    "export.no_roster": (
        "{folder} 评分时没有名单，无法把各行对应到学生；请加 --roster FILE.csv 再评分一次"
        "（已有成绩会保留：再加 --resume）"
    ),
    "export.unlisted": "grader：有 {count} 份提交不在名单上，未导出：{names}",
    "export.done": "已写入 {path}：{students} 名学生，其中 {scored} 名有分数",
    "grade.not_copied": "无法复制以供评分：{error}",
    "grade.grader_failed": "评分程序出错：{error}",
    "grade.process_failed": "评分进程出错：{error}",
    # Output paths checked before any grading.
    "output.no_folder": "无法写入 {path}：文件夹 {folder} 不存在",
    "output.is_folder": "无法写入 {path}：这是一个文件夹，请指定一个文件名",
    "output.not_a_folder": "无法写入 {path}：它已存在，但不是文件夹",
    "output.not_writable": "无法写入 {path}：没有文件夹 {folder} 的写入权限",
    "grade.not_written": "无法写入它的评分结果：{error}",
    "grade.budget_spent": (
        "这份作业用完了 {budget} 秒的时间预算（加载和调用合计），这个函数还没来得及评分"
    ),
    "canary.failed": (
        "没有评任何作业：这台机器上的评分环境有问题。把参考答案当作学员的文件、在同样的隔离下评分，"
        "它拿不到满分（{function}：{status}：{message}）。这样每个学员都会因此丢分；"
        "请先修好环境（见 docs/instructors.md 的 Sandbox 一节），再重新评分"
    ),
    "canary.lost": (
        "没有评任何作业：对这台机器的检查（把参考答案当作学员的文件来评分）没有完成：{error}。"
        "请先修好环境（见 docs/instructors.md 的 Sandbox 一节），再重新评分"
    ),
    "canary.too_slow": "用时超过 {budget} 秒",
    "grade.refuse_unconfined": (
        "在这里学员代码将在没有隔离的情况下运行（{reason}）：它能读到参考答案和隐藏测试，"
        "并以当前用户的身份行事。隔离需要 Linux，并且要么以 root 运行（每个评分进程"
        "占用一个自己的沙箱用户 id），要么允许普通用户使用用户命名空间"
        "（sysctl kernel.unprivileged_userns_clone=1；"
        "Ubuntu 上还需 kernel.apparmor_restrict_unprivileged_userns=0），"
        "并且 GRADER_SANDBOX 没有设为 off。在拒绝命名空间的地方（默认配置的容器），root "
        "只能靠沙箱用户 id 来隔离：Python 必须能被其他用户读取（不要装在权限为 700 的主目录下），"
        "而教师的文件夹必须不能被读取（对题目仓库以及评分器所在仓库的 solutions、hidden_tests、"
        "tests、.git 和 .grader 执行 chmod go-rwx）。如果明知风险仍要评分，请加上 "
        "--allow-unconfined。"
    ),
    "exercise.unknown": (
        "未知练习 {key!r}：请写 {example} 这样的练习名，或只写它前面的编号；"
        "`grader list` 会列出所有练习。"
    ),
    "picture.none": "{exercise} 没有 {function} 的图；可以画的函数有：{choices}。",
    "picture.no_reference": "这里没有参考答案（学生版）：只画出你的结果",
    "picture.unusable": "{function} 返回了 {got}，无法画出",
    "picture.learner_missing": "没有画出你的 {function}：{reason}",
    "picture.reference_missing": "没有画出参考答案：{reason}",
    "picture.learning_rate": "学习率 {rate}",
    "picture.diverges": "学习率太大：每一步都越冲越远，梯度下降发散了",
    "picture.height": "f(x)，其中 dfn = f'",
    "picture.epoch": "迭代次数（epoch）",
    "picture.loss": "损失值",
    "picture.tangent": "f 在 x0 = {x0} 处的切线",
    "picture.reference": "参考答案",
    "picture.learner": "你的结果",
    "picture.no_matplotlib": (
        "画图需要 matplotlib：pip install matplotlib（或 pip install -e \".[learn]\"）"
    ),
    "picture.wrote": "图已写入 {path}",
    "picture.no_font": (
        "这台机器上没有能显示中文的字体，所以图中的文字用英文（安装一个中文字体，"
        "例如 Debian 的 fonts-noto-cjk，即可显示中文）"
    ),
    "notebook.broken_cell": (
        "{function} 没有运行：它所在的单元格不是合法的 Python 代码（{reason}）。请改正这个单元格。"
    ),
    "notebook.other_cells_graded": "笔记本其他单元格里的函数已经评分。",
    "notebook.load_stopped": (
        "加载笔记本时，函数之外的一行代码调用了它，所以没有任何函数能够评分："
        "请改正出错的单元格，并把试运行的调用放进带 skip-grading 标签的单元格，"
        "或放在 if __name__ == \"__main__\": 之下。"
    ),
    "notebook_make.from_git": (
        "  由提交的原始练习生成（git show HEAD:{file}），没有使用你对 {file} 的修改"
    ),
    "notebook_make.graded": (
        "  从现在起评分的文件：{file}（最后保存的文件；保存 {other} 则改为对它评分）"
    ),
    "diagnosis.changes_input": (
        "可能的错误：你的函数修改了传入的参数（数值、requires_grad 或 .grad）；"
        "请在副本上计算，让调用者的数据保持原样。"
    ),
    "diagnosis.wrong_type": (
        "可能的错误：数值是对的，但返回值的类型不对；看看题目要求这个函数返回什么（数组、"
        "浮点数、张量，还是浮点数列表）。"
    ),
    "diagnosis.wrong_shape": (
        "可能的错误：数值是对的，但形状不对；把你返回的形状和题目给出的形状对比一下。"
    ),
    "diagnosis.wrong_dtype": (
        "可能的错误：结果的 dtype 和输入的不同；看看结果是在哪里创建的、在那里得到了什么 dtype。"
    ),
    "diagnosis.wrong_device": (
        "可能的错误：结果（或函数里新建的张量）不在输入所在的设备上；新张量要建在输入所在的设备上。"
    ),
    "diagnosis.requires_grad_left_on": (
        "可能的错误：返回的结果仍在自动求导的计算图中（requires_grad=True）；"
        "看看求完梯度之后你返回的是什么。"
    ),
    "diagnosis.scalar_only": (
        "可能的错误：你的代码对单个浮点数有效，对数组或张量却不行（用了 math 里的函数、"
        "对张量用了 NumPy 函数，或对整个数组用 if）；请使用能逐元素计算的运算。"
    ),
    "diagnosis.missing_error": (
        "可能的错误：对这种退化的输入，题目要求抛出错误，但你的函数没有抛出；"
        "请在计算之前先检查这种情况。"
    ),
    "diagnosis.update_recorded": (
        "可能的错误：自动求导正在记录计算图，拒绝原地更新叶子张量；"
        "要在自动求导不记录的地方（torch.no_grad()）更新。"
    ),
    "diagnosis.cascade": (
        "这个错误来自你的 {function}：它自己的检查没有通过，而这个函数要用到它。"
        "请先改好 {function}，再运行一次。"
    ),
    "fact.your_result": "你的结果",
    "fact.nothing_moved": "已知的事实：{part}与传入的 {name} 完全相同：什么都没有动。",
    "fact.ratio": "已知的事实：{part}的每个数都是期望值的 {factor} 倍。",
    "fact.rows_late": "已知的事实：{part}的第 k 行是期望结果的第 k+1 行：每一行都晚了一次更新。",
    "fact.rows_early": "已知的事实：{part}的第 k+1 行是期望结果的第 k 行：每一行都早了一次更新。",
    "fact.count": "已知的事实：{part}是 {got}，期望的次数是 {expected}。",
    "fact.square_roots": "已知的事实：{part}的数是期望值的平方根。",
    "fact.squares": "已知的事实：{part}的数是期望值的平方。",
    "repro.unknown_function": "{exercise} 中没有函数 {function}。",
    "repro.nothing": "{function} 在种子 {seed} 下通过了全部检查：没有失败的调用可以重现。",
    "repro.wrote": (
        "已写出 {path}：它用那次失败检查的原样输入调用你的函数，并把你的结果与期望结果并排打印。"
        "用 python 运行它，或用 python -m pdb 逐步调试。"
    ),
    "report.repro": "要原样重现这次调用：grader repro {exercise} {function}",
    "repro.script_doc": (
        "重现 {exercise} 中 {function} 没有通过检查的那次调用（种子 {seed}）。\n\n"
        "    python {script}                 并排打印你的结果和期望结果\n"
        "    python -m pdb {script}          逐步进入你的函数（先 b {function}，再 c）\n\n"
        "由 `grader repro` 写出；输入与检查时完全相同（{data}/ 里保存了完整的数组）。"
    ),
    "repro.yours": "你的结果：",
    "repro.expected": "期望结果：",
    "cli.description": (
        "完成 kata 的练习并评分：你写的每个函数都会在新的输入上被调用，并与参考答案比较。\n"
        "教师也在这里为全班评分、发布学生版。\n"
        "\n"
        "在 kata 里的任何位置运行（即包含 exercises/ 的文件夹或其子文件夹）。"
    ),
    "cli.epilog": (
        "示例：\n"
        "  grader list                 你现在的进度：每个练习及其状态\n"
        "  grader run 02               为练习 02 评分（不指定练习时全部评分）\n"
        "  grader hint 02              练习 02 的下一条提示\n"
        "  grader repro 05 train_numpy 写出重现 train_numpy 那次失败调用的脚本\n"
        "  grader COMMAND --help       某个命令的选项和示例\n"
        "\n"
        "退出码：\n"
        "  0  每项检查都通过（或命令完成了它的工作）\n"
        "  1  有检查没有通过，或有内容无法评分\n"
        "  2  用法或环境错误（拼写错误、这里没有 kata、输出路径无法写入）"
    ),
    "cli.run.epilog": (
        '示例：\n'
        '  grader run                          为每个练习评分\n'
        '  grader run 02 03                    为练习 02 和 03 评分\n'
        '  grader run 04 --device cpu          张量函数只在 CPU 上运行\n'
        '  grader run --seed 1234              使用打印出种子 1234 的那次运行的输入\n'
        '  grader run 02 --all-details         解释每个没通过的函数，而不只是第一个\n'
        '  grader run --json results.json --junit junit.xml     另外为 CI 写出报告\n'
        '\n'
        '退出码：\n'
        '  0  每项检查都通过\n'
        '  1  有检查没有通过，或有练习无法加载\n'
        '  2  用法或环境错误：练习不存在、--device cuda 却没有 CUDA、输出文件所在的文件夹不存在\n'
        '     （评分开始之前就会检查）'
    ),
    "cli.watch.epilog": (
        '示例：\n'
        '  grader watch              你还没通过的第一个练习\n'
        '  grader watch 02           练习 02\n'
        '\n'
        '按键（不用按回车）：\n'
        '  h  没通过的函数的下一条提示\n'
        '  n  这个练习通过后，进入下一个练习\n'
        '  q  退出（Ctrl-C 也可以）\n'
        '\n'
        '退出码：\n'
        '  0  按 q 退出\n'
        '  2  练习不存在，或这里没有 kata\n'
        '  130  按 Ctrl-C 停止'
    ),
    "cli.hint.epilog": (
        '示例：\n'
        '  grader hint 02            练习 02 的下一条提示（先给最含蓄的）\n'
        '  grader hint 02 --all      一次显示全部提示\n'
        '\n'
        '退出码：\n'
        '  0  显示了一条提示\n'
        '  2  练习不存在，或这里没有 kata'
    ),
    "cli.list.epilog": (
        '示例：\n'
        '  grader list        每个练习、你上次 `grader run` 得到的状态和分数、评分的文件，\n'
        '                     以及整个 kata 的进度条\n'
        '\n'
        '退出码：\n'
        '  0  已列出\n'
        '  2  这里没有 kata，或它的 catalogue.toml 有错'
    ),
    "cli.plot.epilog": (
        '示例：\n'
        '  grader plot 02                       练习 02 的下降路径，和参考答案的画在一起\n'
        '  grader plot 05 train_numpy           练习 05 中 train_numpy 的损失曲线\n'
        '  grader plot 04 --out minimize.png    把图写到文件里，而不是打开窗口\n'
        '\n'
        '退出码：\n'
        '  0  图已显示或写出\n'
        '  2  练习或函数不存在、这里没有 kata，或没有安装 matplotlib'
    ),
    "cli.repro.epilog": (
        '示例：\n'
        '  grader repro 05 train_numpy          重现上次运行中 train_numpy 失败的那次调用\n'
        '  grader repro 02 descend_until --seed 1234\n'
        '  python -m pdb .grader/repro/repro_05_linear_regression_train_numpy.py\n'
        '\n'
        '退出码：\n'
        '  0  脚本已写出\n'
        '  1  这个函数通过了每项检查：没有失败的调用可以重现\n'
        '  2  练习或函数不存在，或这里没有 kata'
    ),
    "cli.notebook.epilog": (
        '示例：\n'
        '  grader notebook           为每个练习写出 exercises/NN_topic.ipynb\n'
        '  grader notebook 03        只写出练习 03 的笔记本\n'
        '  grader notebook --force   你改过的笔记本也替换掉（你在里面的内容会丢失）\n'
        '\n'
        '退出码：\n'
        '  0  每个笔记本都已写出，或保持原样\n'
        '  1  有笔记本无法生成（它的 .py 文件不存在或无法解析）\n'
        '  2  用法或环境错误'
    ),
    "cli.option.device": '张量函数在哪些设备上运行（auto：CPU，有 CUDA 时再加上 CUDA）',
    "cli.run.exercises": '练习的 id（02_gradient_descent）或编号（02、2）；不写则评全部练习',
    "cli.run.seed": '重现某次运行的输入',
    "cli.run.json": '写出 Gradescope JSON',
    "cli.run.junit": '写出 JUnit XML',
    "cli.run.all_details": '解释每个没通过的函数（默认：每个练习只解释第一个）',
    "cli.watch.exercise": '练习的 id 或编号（默认：第一个还没通过的练习）',
    "cli.watch.seed": '使用某次运行的输入',
    "cli.hint.exercise": '练习的 id 或编号',
    "cli.hint.all": '一次显示全部提示',
    "cli.plot.exercise": '练习的 id 或编号（02）',
    "cli.plot.function": '要画的函数（默认：这个练习的第一幅图）',
    "cli.plot.out": '把图写到这个文件，而不是打开窗口',
    "cli.repro.exercise": '练习的 id 或编号（05）',
    "cli.repro.function": '调用失败的那个函数',
    "cli.repro.seed": '要重现的那次运行（默认：你最近一次运行这个练习）',
    "cli.notebook.exercises": '练习的 id（02_gradient_descent）或编号（02、2）；不写则生成全部',
    "cli.notebook.force": '生成之后被改过的笔记本也替换掉',
    "cli.lang_help": "程序输出的语言：en 或 zh（默认：先看 $GRADER_LANG，再看系统区域设置）",
    "cli.command.list": '按顺序列出每个练习及其状态',
    "cli.command.run": '为当前目录所在的 kata 中的练习评分',
    "cli.command.watch": '每次保存练习文件时重新评分',
    "cli.command.hint": '显示某个练习的下一条提示',
    "cli.command.plot": '把你的结果和参考答案的结果画在一起',
    "cli.command.repro": '写出一个脚本，原样重现某个函数没有通过的那次调用',
    "cli.command.notebook": '根据练习模板写出 Jupyter 笔记本',
    "cli.command.grade": '教师批量评阅多份提交',
    "cli.command.collect": '合并分片运行的 `grade` 输出',
    "cli.command.report": "根据 `grade` 的输出概览全班：report.html 和 report.md",
    "cli.command.export": "把 `grade` 输出的成绩写成 Canvas 或 Moodle 能导入的 CSV",
    "cli.command.release": '写出学生版',
    "cli.command.gradescope": '写出这个 kata 的 Gradescope 自动评分包',
    "cli.command.new-exercise": "从模板开始写一个新练习",
    "cli.version_help": "显示版本号并退出",
    "cli.help_help": "显示这条帮助信息并退出",
    "cli.commands_title": "命令",
    "cli.usage": "用法：",
    "cli.positionals": "位置参数：",
    "cli.options": "选项：",
    "cli.required": "缺少必需的参数：{names}",
    "cli.unrecognized": "无法识别的参数：{names}",
    "cli.invalid_choice": "参数 {name} 的取值 {value} 无效（可选：{choices}）",
    "cli.invalid_value": "参数 {name} 的取值无效：{value}",
    "cli.expected_one": "参数 {name} 后面需要一个值",
    "cli.commands_heading": "命令：",
    "cli.usage_error": "{prog}：错误：{error}",
}
