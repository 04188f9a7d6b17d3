def forged_fault(x):
    return x + 1


def forged_timeout(x):
    return x + 2
