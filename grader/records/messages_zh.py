"""Simplified Chinese sentences for the keys added with per-function hints (same keys and
placeholders as grader.records.messages_en)."""

TABLE: dict[str, str] = {
    "hint.shown": "{exercise} 的函数 {function}，提示 {number}/{count}：{text}",
    "hint.last": "这是 {function} 的最后一条提示；`grader hint {exercise} --all` 会列出全部提示。",
    "hint.all_passed": (
        "上次运行中 {exercise} 的所有函数都已通过，不需要提示。"
        "`grader hint {exercise} --all` 仍可列出全部提示。"
    ),
    "hint.none": "{exercise}：{function} 没有提示。",
}
