"""Simplified Chinese sentences for the keys added with the worker limits."""

TABLE: dict[str, str] = {
    "out_of_memory": "{function} 使用的内存超过了 {limit} GiB 的上限，已被停止；其他函数仍照常评分。",
    "load.out_of_memory": "加载 {file} 时使用的内存超过了 {limit} GiB 的上限。",
    "load.budget_spent": "{file} 未被加载：本次提交的 {seconds} 秒评分时间已经用完。",
}
