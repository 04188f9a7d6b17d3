"""Simplified Chinese sentences for the keys of grader.records.messages_en added with the
batch's time budget and confinement check (same keys, same placeholders)."""

TABLE: dict[str, str] = {
    "grade.not_written": "无法写入它的评分结果：{error}",
    "grade.budget_spent": (
        "这份作业用完了 {budget} 秒的时间预算（加载和调用合计），这个函数还没来得及评分"
    ),
    "grade.refuse_unconfined": (
        "在这里学员代码将在没有隔离的情况下运行（{reason}）：它能读到参考答案和隐藏测试，"
        "并以当前用户的身份行事。隔离需要 Linux，并且要么以 root 运行（每个评分进程占用一个"
        "自己的沙箱用户 id），要么允许普通用户使用用户命名空间（sysctl "
        "kernel.unprivileged_userns_clone=1；Ubuntu 上还需 "
        "kernel.apparmor_restrict_unprivileged_userns=0），并且 GRADER_SANDBOX 没有设为 off。"
        "如果明知风险仍要评分，请加上 --allow-unconfined。"
    ),
}
