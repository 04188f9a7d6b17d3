def square(x):
    raise NotImplementedError("01_square: square")


def cube(x):
    raise NotImplementedError("01_square: cube")
