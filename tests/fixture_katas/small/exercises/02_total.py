def total(values):
    raise NotImplementedError("02_total: total")


def safe_sqrt(x):
    raise NotImplementedError("02_total: safe_sqrt")
