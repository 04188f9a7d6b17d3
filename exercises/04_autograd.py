"""Exercise 04: automatic differentiation (自动求导) with PyTorch.

In exercises 02 and 03 you wrote every derivative by hand (dfn, df_x, ...). For a network
with millions of weights nobody does that: PyTorch records the computation as you run it
and works out every derivative for you, backwards through the recorded steps. The pieces:

- a tensor that requires grad is a variable PyTorch tracks;
- forward (正向传播): compute the loss from it, a 0-dim tensor (a tensor holding a single
  number, like torch.tensor(3.0); .item() turns it into a float);
- backward (反向传播): the loss's backward() stores d loss / d x in x.grad;
- update: step x against its gradient, with gradient tracking switched off
  (torch.no_grad()) so that the update itself is not recorded as part of the computation;
- zero the gradient (梯度清零): backward() ADDS to x.grad, so without clearing it each
  epoch would use the sum of all earlier gradients.

That loop - forward, backward, update, zero the gradient - is the lesson's summary of how
every model trains. Exercise 05 uses it for linear regression.

Rules for this exercise (the grader checks them):
- inputs are float32 or float64 tensors on the CPU or a GPU; every tensor you return has
  the input's dtype and device and does not require grad (use .detach());
- never change an input tensor: not its values, not its requires_grad, not its .grad.
  Work on fresh copies: leaf tensors (created by you, not computed from others) with the
  input's values that PyTorch tracks. Tensor.detach, Tensor.clone and
  Tensor.requires_grad_ in the PyTorch documentation are the pieces.

Check your work with `grader run 04`; hints with `grader hint 04`.
"""

import torch


def autograd_derivative(f, x):
    """df/dx at x, computed by autograd instead of by hand.

    Args:
        f: a function taking a tensor shaped like x and returning a 0-dim tensor
           (for elementwise formulas this is usually a sum, e.g. (2 * x**2).sum()).
        x: a float tensor, any shape (not changed).

    Returns:
        a tensor shaped like x: the derivative of f with respect to each element of x,
        with x's dtype and device, not requiring grad. Use loss.backward(),
        torch.autograd.grad or torch.func.grad - any of them.

    Example:
        f = lambda t: (2 * t**2).sum(), x = torch.tensor([1.0, -3.0])
        -> tensor([4., -12.]), which is dfn(x) = 4x from exercise 01.

    Why it matters: this is the derivative that every training step needs; autograd
    gets it right for any formula you can write in torch.
    """
    # TODO: return df/dx at x, computed by PyTorch, leaving x untouched.
    raise NotImplementedError("04_autograd.autograd_derivative: not written yet")


def minimize(fn, x0, learning_rate, epochs):
    """Gradient descent with autograd: the lesson's PyTorch loop for one tensor.

    Train a fresh tracked copy of x0 for `epochs` epochs of the loop above: forward,
    backward, an update that autograd does not record, and the gradient zeroed before the
    next epoch. Each update is x_new = x - learning_rate * (d fn / d x at x).

    Args:
        fn: a function taking a tensor shaped like x0 and returning a 0-dim tensor.
        x0: the starting point, a float tensor (not changed).
        learning_rate: a float; epochs: an int >= 0.

    Returns:
        the final x: shaped like x0, same dtype and device, not requiring grad.

    Example:
        fn = lambda t: (2 * t**2).sum(), x0 = torch.tensor([10.0]), learning_rate = 0.1:
        after 3 epochs -> tensor([2.16]), the same numbers as gradient_descent in 02.

    Why it matters: it is the whole training loop; only fn changes from model to model.
    """
    # TODO: run the forward / backward / update / zero loop on a copy of x0 and return x.
    raise NotImplementedError("04_autograd.minimize: not written yet")


def minimize_many(fn, params, learning_rate, epochs):
    """The same loop with several tensors at once (the lesson's x, y, z example).

    fn(*params) is the 0-dim loss. Every tensor moves against its own gradient, and all
    of them are updated from the gradients of the same epoch's loss.

    Args:
        fn: takes as many tensors as there are params and returns a 0-dim tensor.
        params: a list of float tensors (one dtype and device; none of them changed).
        learning_rate: a float; epochs: an int >= 0.

    Returns:
        a list of tensors, one per param in the same order: the final values, same
        shapes, dtype and device, not requiring grad.

    Example:
        fn = lambda x, y, z: (x**2 + y**2 + z**2).sum(), learning_rate = 0.1,
        params = [tensor([1.0]), tensor([2.0]), tensor([3.0])]
        after 2 epochs -> [tensor([0.64]), tensor([1.28]), tensor([1.92])] as in 03.

    Why it matters: a model's weights are usually several tensors (w and b in 05, many
    layers in a network); one backward() gives the gradient for all of them.
    """
    # TODO: run the loop on copies of all params together and return their final values.
    raise NotImplementedError("04_autograd.minimize_many: not written yet")


def minimize_with_optimizer(fn, params, learning_rate, epochs):
    """The same training as minimize_many, with torch.optim.SGD doing the update.

    An optimizer (优化器) holds the tensors it updates and the learning rate; it performs
    the update without recording it and clears the gradients when asked. Use plain SGD:
    only the learning rate, no momentum, no weight decay.

    Args / Returns: as for minimize_many.

    Example:
        the same inputs as minimize_many give the same numbers (up to rounding).

    Why it matters: this is how training code is written in practice; swapping SGD for
    another optimizer changes one line.
    """
    # TODO: train copies of params with torch.optim.SGD and return their final values.
    raise NotImplementedError("04_autograd.minimize_with_optimizer: not written yet")
