"""Simplified Chinese sentences for the keys this table holds (same keys and placeholders as
grader.records.messages_en)."""

TABLE: dict[str, str] = {
    "check.helpers": "按名字传入的函数定义如下（粘贴这段代码即可重现这次调用）：\n{code}",
    # ---- diagnoses: 指出学习者可能犯的错误
    "diagnosis.changes_input": (
        "可能的错误：你的函数修改了传入的参数（数值、requires_grad 或 .grad）；"
        "请在副本上计算，让调用者的数据保持原样。"
    ),
    "diagnosis.wrong_type": (
        "可能的错误：数值是对的，但返回值的类型不对；看看题目要求这个函数返回什么"
        "（数组、浮点数、张量，还是浮点数列表）。"
    ),
    "diagnosis.wrong_shape": (
        "可能的错误：数值是对的，但形状不对；把你返回的形状和题目给出的形状对比一下。"
    ),
    "diagnosis.wrong_dtype": (
        "可能的错误：结果的 dtype 和输入的不同；看看结果是在哪里创建的、得到了什么 dtype。"
    ),
    "diagnosis.wrong_device": (
        "可能的错误：结果（或函数里新建的张量）不在输入所在的设备上；新张量要建在输入的设备上。"
    ),
    "diagnosis.requires_grad_left_on": (
        "可能的错误：结果仍连着自动求导（requires_grad=True）；求完梯度后看看你返回的是什么。"
    ),
    "diagnosis.missing_factor": (
        "可能的错误：你的结果正是导数少了一个常数因子时得到的（幂法则里的 2，或 d(r²)/dr 里的 2）；"
        "请重新推导一遍公式。"
    ),
    "diagnosis.precedence": (
        "可能的错误：你的结果是公式的运算按另一种方式结合时得到的（比如把 2x² 写成 (2x)²，"
        "或 -b / 2 * a）；检查括号的位置。"
    ),
    "diagnosis.scalar_only": (
        "可能的错误：这段代码对单个浮点数可用，对数组或张量却不行（math 里的函数、对张量用 NumPy、"
        "或对整个数组用 if）；请使用能逐元素计算的运算。"
    ),
    "diagnosis.forward_difference": (
        "可能的错误：你的结果是单侧差分 (f(x + h) - f(x)) / h；题目要求的是中心差分，"
        "要从 x 的两侧取点。"
    ),
    "diagnosis.divides_by_h": (
        "可能的错误：你的结果是中心差分除以 h；x - h 和 x + h 两点相距 2h。"
    ),
    "diagnosis.ignores_argument": (
        "可能的错误：你的结果是忽略了某个参数（h、learning_rate、df、dfn 或 grad），"
        "改用固定值或自己文件里的函数时得到的；请使用传进来的参数。"
    ),
    "diagnosis.sign_error": (
        "可能的错误：你的结果在公式里有一个符号反了（比如 f(x0) + slope·x0、b / 2a 或 y - 预测值）；"
        "逐个检查负号。"
    ),
    "diagnosis.min_max_swapped": (
        "可能的错误：把最小值说成了最大值，或者反过来；想一想 a > 0 时抛物线的开口朝哪边。"
    ),
    "diagnosis.missing_error": (
        "可能的错误：题目要求在这种退化输入上抛出错误，你的函数没有抛出；先检查这种情况再计算。"
    ),
    "diagnosis.uphill": (
        "可能的错误：你的结果是每一步都沿着梯度方向、而不是逆着梯度走（也就是往上坡走）时得到的；"
        "梯度下降要减去这一步。"
    ),
    "diagnosis.one_step_too_few": (
        "可能的错误：你的结果比要求少更新了一次；数一数循环一共更新了几次。"
    ),
    "diagnosis.one_step_too_many": (
        "可能的错误：你的结果比要求多更新了一次；数一数循环一共更新了几次。"
    ),
    "diagnosis.path_missing_start": (
        "可能的错误：你的路径少了第一行；第 0 行就是 x0 本身，在任何更新之前。"
    ),
    "diagnosis.path_rows_shared": (
        "可能的错误：路径的每一行都是同一个点：同一个数组被原地更新后又被反复存入；"
        "每一行都要存一个新数组。"
    ),
    "diagnosis.stops_on_x": (
        "可能的错误：你的循环在 x 变小时停止，而不是在步长变小时停止；看看你拿什么和 tol 比较。"
    ),
    "diagnosis.counts_final_check": (
        "可能的错误：你的计数把让循环停下的那次检查也算进去了；只数真正做了的更新。"
    ),
    "diagnosis.applies_final_step": (
        "可能的错误：本该让循环停下的那一小步仍被执行（并计数）了；先检查步长，再更新。"
    ),
    "diagnosis.wrong_variable": (
        "可能的错误：你的结果是对另一个变量求的偏导数；检查这个函数应对哪个变量求偏导数。"
    ),
    "diagnosis.missing_term": (
        "可能的错误：你的结果是公式少了一项时得到的；检查每一项是否都在。"
    ),
    "diagnosis.perturbs_all": (
        "可能的错误：你的结果是把 h 同时加到所有坐标上得到的；偏导数只移动一个坐标，其余保持不变。"
    ),
    "diagnosis.sequential_update": (
        "可能的错误：你的结果是参数一个接一个更新、后面的参数已看到新值时得到的；"
        "先在同一点求出所有梯度，再一起更新。"
    ),
    "diagnosis.grad_accumulates": (
        "可能的错误：你的结果是梯度从未清零时得到的：backward() 会累加到 .grad 上，"
        "所以每个 epoch 都要梯度清零。"
    ),
    "diagnosis.update_recorded": (
        "可能的错误：自动求导在记录计算图时拒绝原地更新叶子张量；"
        "要在自动求导不记录的地方（torch.no_grad()）更新。"
    ),
    "diagnosis.leaf_replaced": (
        "可能的错误：你的结果是 `x = x - ...` 新建了一个张量、而没有更新叶子张量本身时得到的，"
        "之后的梯度因此丢失；请原地更新叶子张量。"
    ),
    "diagnosis.not_plain_sgd": (
        "可能的错误：你的结果是带动量、权重衰减或其他规则的优化器给出的；题目要求的是普通 SGD。"
    ),
    "diagnosis.sum_not_mean": (
        "可能的错误：你的结果是把平方误差（或它们的梯度）求和得到的；损失函数要取平均值。"
    ),
    "diagnosis.loss_after_update": (
        "可能的错误：你在每次更新之后才记录损失；应在求梯度的那个点记录损失。"
    ),
    "diagnosis.parameter_frozen": (
        "可能的错误：你的结果是某个参数（偏置 b）从未更新时得到的；检查每个参数是否都更新了。"
    ),
    "diagnosis.sample_std": (
        "可能的错误：你用的是样本标准差（除以 n - 1）；题目要求总体标准差（ddof=0）。"
    ),
    "diagnosis.constant_column": (
        "可能的错误：常数列（标准差为 0）没有按题目处理：应除以 1，并在返回的 std 里记为 1。"
    ),
    "diagnosis.no_bias": (
        "可能的错误：你的结果是不带偏置（过原点的直线）的线性回归；模型还有偏置 b。"
    ),
}
