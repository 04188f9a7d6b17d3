"""Simplified Chinese sentences for keys added with the output-path checks and the kata title
(merged into the full Chinese table)."""

TABLE: dict[str, str] = {
    "report.title": "{kata}：已评分 {count} 个练习，随机种子 {seed}，设备 {devices}",
    "output.no_folder": "无法写入 {path}：文件夹 {folder} 不存在",
    "output.is_folder": "无法写入 {path}：这是一个文件夹，请指定一个文件名",
    "output.not_a_folder": "无法写入 {path}：它已存在，但不是文件夹",
    "output.not_writable": "无法写入 {path}：没有文件夹 {folder} 的写入权限",
}
