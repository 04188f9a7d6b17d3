"""Exercise 05: linear regression (线性回归), trained by the loop you built.

A linear regression model predicts a number from d features (特征):

    y_pred = x_1 * w_1 + x_2 * w_2 + ... + x_d * w_d + b  =  x @ w + b

with weights (权重) w and a bias (偏置) b. For n samples at once, stack them as the rows
of a matrix X of shape (n, d): y_pred = X @ w + b has shape (n,). The lesson's data set has
d = 13 features.

- When training, X and the labels (标签) y are fixed data and w, b are the unknowns.
- When predicting (推理), w and b are fixed and X is new data.

The loss (损失) measures how wrong the predictions are: here the mean squared error
(均方误差). It depends on w and b, so training = finding the w and b where the loss is
smallest, with gradient descent:

    forward (predict, loss) -> gradient -> update w and b -> repeat

You do it twice: by hand in NumPy (mse_gradients, train_numpy), and with autograd in torch
(train_torch). normal_equation finds the same minimum in one go by solving
"gradient = 0", which is possible here because the model is linear, and standardize puts
features on one scale so that one learning rate suits every weight.

predict and mse_loss must work unchanged on NumPy arrays and on torch tensors: use only
operators (@, +, -, **) and methods both have (.mean(), .sum()).

When all functions pass, run `python exercises/demo.py` to train both models on the
13-feature data set. Check your work with `grader run 05`; hints with `grader hint 05`.
"""

import numpy as np
import torch


def predict(X, w, b):
    """The model's predictions y_pred = X @ w + b.

    Args:
        X: features, shape (n, d); w: weights, shape (d,); b: the bias, a scalar.
        All NumPy, or all torch (then b may be a 0-dim tensor).

    Returns:
        predictions, shape (n,), of the same kind as X.

    Example:
        X = [[1.0, 2.0], [3.0, 4.0]], w = [0.5, -1.0], b = 2.0
        -> [1*0.5 + 2*(-1) + 2, 3*0.5 + 4*(-1) + 2] = [0.5, -0.5]

    Why it matters: this is the forward pass (正向传播); everything else measures and
    improves how good these numbers are.
    """
    # TODO: return the predictions of the linear model.
    raise NotImplementedError("05_linear_regression.predict: not written yet")


def mse_loss(y_pred, y):
    """The mean squared error (均方误差): mean of (y_pred - y)**2.

    Args:
        y_pred, y: shape (n,), both NumPy or both torch.

    Returns:
        a scalar: a float for NumPy, a 0-dim tensor for torch (keep it a tensor, so that
        autograd can call backward() on it).

    Example:
        y_pred = [0.5, -0.5], y = [1.0, 1.0] -> ((-0.5)**2 + (-1.5)**2) / 2 = 1.25

    Why it matters: the loss turns "how wrong" into one number; training is the search
    for its minimum.
    """
    # TODO: return the mean of the squared differences.
    raise NotImplementedError("05_linear_regression.mse_loss: not written yet")


def mse_gradients(X, y, w, b):
    """The gradient (梯度) of the MSE loss with respect to w and b, by hand (NumPy).

    With the residuals r = X @ w + b - y (shape (n,)), the loss is mean(r**2) and

        dw = (2 / n) * X.T @ r      shape (d,)
        db = (2 / n) * r.sum()      a float

    (the chain rule: d(r_i**2) = 2 * r_i * dr_i, and dr_i/dw = X[i], dr_i/db = 1).
    X.T is the transpose of X, shape (d, n): X.T @ r sums X[i] * r_i over the samples.

    Args:
        X: float64 array (n, d); y: (n,); w: (d,); b: a float.

    Returns:
        the tuple (dw, db).

    Example:
        X = [[1.0, 2.0], [3.0, 4.0]], y = [1.0, 1.0], w = [0.5, -1.0], b = 2.0:
        r = [-0.5, -1.5], dw = (2/2) * [1*(-0.5) + 3*(-1.5), 2*(-0.5) + 4*(-1.5)]
        = [-5.0, -7.0], db = (2/2) * (-2.0) = -2.0

    Why it matters: these are the partial derivatives (偏导数) of exercise 03 for a real
    model; the update subtracts them.
    """
    # TODO: return the gradients of the mean squared error with respect to w and b.
    raise NotImplementedError("05_linear_regression.mse_gradients: not written yet")


def train_numpy(X, y, learning_rate, epochs):
    """Train the model by gradient descent in NumPy, recording the loss.

    The model starts with every weight and the bias at zero. Each epoch is one update of
    w and b together, both from the gradients taken at the model as it was before that
    update, and losses[k] is the loss of the model before update k.

    Args:
        X: float64 array (n, d); y: (n,); learning_rate: a float; epochs: an int >= 0.

    Returns:
        the tuple (w, b, losses): an array (d,), a float, and a list of `epochs` floats
        (losses[0] is the loss of the all-zero model; epochs == 0 gives an empty list).

    Example:
        X = [[1.0], [2.0]], y = [2.0, 4.0], learning_rate = 0.1, epochs = 1:
        losses = [10.0] (the zero model is off by 2 and 4), the gradients there are
        dw = [-10.0] and db = -6.0, so the result is (array([1.0]), 0.6, [10.0]).

    Why it matters: this is the complete training loop, with nothing hidden; a falling
    list of losses is the sign that training works.
    """
    # TODO: run gradient descent on w and b from zeros, recording the loss each epoch.
    raise NotImplementedError("05_linear_regression.train_numpy: not written yet")


def train_torch(X, y, learning_rate, epochs):
    """The same training as train_numpy, with autograd computing the gradients.

    w (shape (d,)) and b (0-dim) start at zero as leaf tensors with X's dtype and device
    that autograd tracks; each epoch is the lesson's loop of exercise 04 on them, with
    mse_loss of predict as the loss (torch.optim.SGD may do the update). losses holds
    each epoch's loss before its update, as Python floats.

    Args:
        X: float tensor (n, d); y: tensor (n,) with X's dtype and device (not changed);
        learning_rate: a float; epochs: an int >= 0.

    Returns:
        the tuple (w, b, losses): w of shape (d,) and b 0-dim, both tensors on X's device
        with X's dtype, not requiring grad; losses a list of `epochs` Python floats.

    Example:
        the inputs of train_numpy's example, as tensors, give tensor([1.0]),
        tensor(0.6) and [10.0].

    Why it matters: it is the lesson's summary loop - forward, loss, backward, update,
    zero the gradient - on a real model. Deep networks train exactly like this.
    """
    # TODO: train w and b from zeros with autograd, recording each epoch's loss.
    raise NotImplementedError("05_linear_regression.train_torch: not written yet")


def normal_equation(X, y):
    """The exact least-squares (w, b), found by solving "gradient = 0" directly.

    The (w, b) that minimise mean((X @ w + b - y)**2), computed in one go rather than by
    descent. Any exact method is fine (np.linalg.lstsq, a QR decomposition, or a solve of
    the normal equations).

    Args:
        X: float64 array (n, d) of full column rank; y: (n,).

    Returns:
        the tuple (w, b): an array (d,) and a float.

    Example:
        X = [[0.0], [1.0], [2.0]], y = [1.0, 3.0, 5.0] (exactly y = 2x + 1)
        -> (array([2.0]), 1.0)

    Why it matters: for linear regression the paper method of exercise 01 still works,
    and gives the answer gradient descent should approach. Deep networks have no such
    formula, which is why they train by descent.
    """
    # TODO: return the w and b that make the loss's gradient zero.
    raise NotImplementedError("05_linear_regression.normal_equation: not written yet")


def standardize(X):
    """Scale every column (feature) to mean 0 and standard deviation 1.

    Each column is shifted by its mean and divided by its population standard deviation
    (ddof=0). A constant column has standard deviation exactly 0; it is divided by 1
    instead (its standardized values are then all 0), and the returned std holds that 1.

    Args:
        X: float64 array (n, d) (not changed).

    Returns:
        the tuple (X_std, mean, std): arrays of shapes (n, d), (d,), (d,).

    Example:
        X = [[1.0, 5.0], [3.0, 5.0]]: mean = [2.0, 5.0], std = [1.0, 1.0]
        (the second column is constant), X_std = [[-1.0, 0.0], [1.0, 0.0]].

    Why it matters: features measured in very different units (metres, millions) make
    the loss a long narrow valley where no single learning rate works well for every
    weight; on standardized features gradient descent converges much faster.
    """
    # TODO: return the standardized columns with the mean and std you used.
    raise NotImplementedError("05_linear_regression.standardize: not written yet")
