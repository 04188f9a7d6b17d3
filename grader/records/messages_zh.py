"""Simplified Chinese sentences: the same keys and placeholders as messages_en."""

TABLE: dict[str, str] = {
    "picture.none": "{exercise} 没有 {function} 的图;可以画的函数有:{choices}。",
    "picture.no_reference": "这里没有参考答案(学生版):只画出你的结果",
    "picture.unusable": "{function} 返回了 {got},无法画出",
    "picture.learner_missing": "没有画出你的 {function}:{reason}",
    "picture.reference_missing": "没有画出参考答案:{reason}",
    "picture.learning_rate": "学习率 {rate}",
    "picture.diverges": "学习率太大:每一步都越冲越远,梯度下降发散了",
    "picture.height": "f(x),其中 dfn = f'",
    "picture.epoch": "训练轮数(epoch)",
    "picture.loss": "损失函数",
    "picture.tangent": "f 在 x0 = {x0} 处的切线",
    "picture.reference": "参考答案",
    "picture.learner": "你的结果",
    "picture.no_matplotlib": (
        "画图需要 matplotlib:pip install matplotlib(或"
        " pip install -e \".[learn]\")"
    ),
    "picture.wrote": "图已写入 {path}",
    "notebook.broken_cell": (
        "{function} 没有运行:它所在的单元格不是合法的 Python 代码({"
        "reason})。请改正这个单元格;其他单元格里的函数已经评分。"
    ),
    "notebook_make.from_git": "  由提交的原始练习生成(git show HEAD:{file}),没有使用你对 {file} 的修改",
    "notebook_make.graded": "  从现在起评分的文件:{file}(最后保存的文件;保存 {other} 则改为对它评分)",
}
