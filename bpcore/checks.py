"""Input checks: bad input raises a ValueError that says what to fix.

The public functions call these once; the training loop checks its data up
front and then runs the steps without re-checking every mini-batch.
"""
from __future__ import annotations

import math
import numbers

import numpy as np

from . import losses


def _finite(name: str, A: np.ndarray) -> None:
    bad = ~np.isfinite(A)
    if bad.any():
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ValueError(
            f"{name} contains {int(bad.sum())} NaN or inf value(s), the first "
            f"at index {where}: remove or impute them before training"
        )


def as_matrix(name: str, A, dtype) -> np.ndarray:
    """A as a 2-D float array of ``dtype`` with finite entries."""
    try:
        A = np.asarray(A, dtype=dtype)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be an array of numbers") from None
    if A.ndim != 2:
        hint = (f"; for one example use {name}.reshape(-1, 1), for a row of "
                f"labels {name}.reshape(1, -1)") if A.ndim == 1 else ""
        raise ValueError(
            f"{name} must be 2-D with one column per example, "
            f"but it has shape {A.shape}{hint}"
        )
    if A.shape[1] == 0:
        raise ValueError(f"{name} has shape {A.shape}: it holds no examples (0 columns)")
    _finite(name, A)
    return A


def inputs(net, X) -> np.ndarray:
    """X as an (n_0, m) array of the network's dtype (columns are examples)."""
    X = as_matrix("X", X, net.dtype)
    n_0 = net.sizes[0]
    if X.shape[0] != n_0:
        hint = (" — did you mean X.T? (bpcore puts one example per column)"
                if X.shape[1] == n_0 else "")
        raise ValueError(
            f"X has shape {X.shape} but layer 1 expects {n_0} rows, "
            f"one column per example{hint}"
        )
    return X


def loss_name(net, loss: str) -> str:
    """The loss name, checked against the output activation."""
    needs = losses.get(loss).output
    out = net.sigma[net.L].name
    if out != needs and "softmax" in (out, needs):
        if needs is not None:
            raise ValueError(
                f"loss={loss!r} needs a {needs} output layer, but layer "
                f"{net.L} uses {out!r}: make the last activation {needs!r} "
                f"or use loss='mse'"
            )
        raise ValueError(
            f"the softmax output layer {net.L} goes with loss='cross_entropy', "
            f"not {loss!r}: pass loss='cross_entropy' or change the last activation"
        )
    return loss


def targets(net, Y, m: int, loss: str) -> np.ndarray:
    """Y as an (n_L, m) array; class labels 0..n_L−1 become one-hot columns
    when the loss is cross-entropy."""
    n_L = net.sizes[-1]
    Y_arr = np.asarray(Y)
    if loss == "cross_entropy" and Y_arr.ndim == 1:
        from .data import one_hot

        Y_arr = one_hot(Y_arr, n_L)
    Y = as_matrix("Y", Y_arr, net.dtype)
    if Y.shape != (n_L, m):
        hint = " — did you mean Y.T?" if Y.shape == (m, n_L) else ""
        raise ValueError(
            f"Y has shape {Y.shape} but the output layer {net.L} gives "
            f"ŷ of shape {(n_L, m)} for these {m} examples{hint}"
        )
    if loss == "cross_entropy":
        sums = Y.sum(axis=0)
        if (Y < 0).any() or not np.allclose(sums, 1.0, atol=1e-6):
            raise ValueError(
                "with cross_entropy each column of Y must be a distribution "
                f"over the {n_L} classes (non-negative, summing to 1): pass "
                "one-hot columns, e.g. bp.one_hot(labels, n_classes), or the "
                "integer labels themselves"
            )
    return Y


# Plain types, not numbers.Real: update() checks η at every step, and an ABC
# isinstance costs as much as a small array operation.
_REAL = (float, int, np.floating, np.integer)


def learning_rate(lr) -> float:
    """η as a float > 0."""
    if (isinstance(lr, bool) or not isinstance(lr, _REAL)
            or not math.isfinite(lr) or lr <= 0):
        raise ValueError(f"the learning rate lr must be a number > 0, got {lr!r}")
    return float(lr)


def positive_int(name: str, value, allow_none: bool = False):
    """value as an int ≥ 1 (or None when allowed)."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{name} must be a whole number ≥ 1, got {value!r}")
    return int(value)


def tolerance(tol):
    """tol as a float ≥ 0, or None."""
    if tol is None:
        return None
    if isinstance(tol, bool) or not isinstance(tol, numbers.Real) or not tol >= 0:
        raise ValueError(f"tol must be a number ≥ 0 or None, got {tol!r}")
    return float(tol)
