"""Repeat the five steps until a stopping condition holds (chapter 5).

Stopping conditions, as in the source note: the epoch limit is reached, or
the loss has converged (J changed by less than tol in an epoch). A run whose
loss becomes NaN or inf stops too, with a DivergenceWarning, and keeps
everything recorded until then. :func:`predict_classes` uses the trained
network.
"""
from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

import numpy as np

from . import checks
from .data import classes
from .network import Network
from .steps import backward, forward, loss_value, update


class DivergenceWarning(RuntimeWarning):
    """The training loss became NaN or inf."""


class Stop(str, Enum):
    """Why a run of :func:`train` ended. A ``str``, so ``history.stop ==
    "epochs"`` reads as the book writes it."""

    EPOCHS = "epochs"          # the epoch limit was reached
    CONVERGED = "converged"    # J changed by less than tol in an epoch
    DIVERGED = "diverged"      # J became NaN or inf

    def __str__(self) -> str:
        return self.value


@dataclass
class Snapshot:
    """Copies of W[l], b[l] after ``epoch`` epochs (epoch 0: before training),
    and the activation names of layers 1..L."""

    epoch: int
    W: dict[int, np.ndarray]
    b: dict[int, np.ndarray]
    activations: list[str]

    def network(self) -> Network:
        """The network with these parameters (a new Network; copies)."""
        return Network.from_params(self.W, self.b, self.activations)


@dataclass
class History:
    """What ``train`` records.

    ``loss[e]`` is J averaged over the batches of epoch e, each batch's J
    taken before its update (with full batches: J at the start of epoch e).
    ``val_loss[e]`` is J on the validation data at the end of epoch e.
    ``snapshots`` hold the parameters every ``snapshot_every`` epochs, plus
    before the first and after the last epoch. ``stop`` (a :class:`Stop`) says
    why it ended: "epochs", "converged" or "diverged"; ``message`` says it in
    words.
    """

    loss: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    snapshots: list[Snapshot] = field(default_factory=list)
    stop: Stop = Stop.EPOCHS
    message: str = ""

    @property
    def epochs(self) -> int:
        """How many epochs ran to the end."""
        return len(self.loss)

    def __repr__(self) -> str:
        last = f", final loss {self.loss[-1]:.6g}" if self.loss else ""
        return f"History({self.epochs} epochs{last}, stop={self.stop.value!r})"


def _snapshot(net, epoch: int) -> Snapshot:
    return Snapshot(epoch, {l: W.copy() for l, W in net.W.items()},
                    {l: b.copy() for l, b in net.b.items()}, net.activations)


def train(net, X, Y, loss: str = "mse", lr: float = 0.1, epochs: int = 100,
          batch_size: int | None = None, tol: float | None = None,
          seed: int | None = None, validation=None,
          snapshot_every: int | None = None,
          callback: Callable[[History], object] | None = None) -> History:
    """Train ``net`` in place by gradient descent on X (n_0, m), Y (n_L, m).

    Each epoch runs steps 1–5 on every batch: the whole set when
    ``batch_size`` is None, else shuffled mini-batches drawn with
    ``np.random.default_rng(seed)``, so a seed fixes the run bit for bit.
    ``validation=(X_val, Y_val)`` records ``val_loss``; ``callback(history)``
    runs after every epoch (e.g. to redraw a live loss curve).
    """
    loss = checks.loss_name(net, loss)
    X = checks.inputs(net, X)
    m = X.shape[1]
    Y = checks.targets(net, Y, m, loss)
    lr = checks.learning_rate(lr)
    epochs = checks.positive_int("epochs", epochs)
    batch_size = checks.positive_int("batch_size", batch_size, allow_none=True)
    snapshot_every = checks.positive_int("snapshot_every", snapshot_every, allow_none=True)
    tol = checks.tolerance(tol)
    if validation is not None:
        X_val = checks.inputs(net, validation[0])
        Y_val = checks.targets(net, validation[1], X_val.shape[1], loss)
    batches = _epoch_batches(X, Y, batch_size, np.random.default_rng(seed))

    history = History()
    if snapshot_every:
        history.snapshots.append(_snapshot(net, 0))
    # Overflow on the way to a NaN loss is reported once, below, not by numpy
    # (errstate costs about 5% of a step on XOR: a price worth a clear message).
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(1, epochs + 1):
            total = 0.0
            for Xb, Yb in batches():
                trace = forward(net, Xb, check=False)
                J = loss_value(net, trace, Yb, loss, check=False)
                if not math.isfinite(J):
                    history.stop = Stop.DIVERGED
                    history.message = (
                        f"the loss became {J} in epoch {epoch} with lr={lr}: training "
                        f"stopped before that update; try a smaller learning rate")
                    warnings.warn(history.message, DivergenceWarning, stacklevel=2)
                    return history
                update(net, backward(net, trace, Yb, loss, check=False), lr)
                total += J * Xb.shape[1]
            history.loss.append(total / m)
            if validation is not None:
                history.val_loss.append(loss_value(
                    net, forward(net, X_val, check=False), Y_val, loss, check=False))
            converged = (tol is not None and epoch > 1
                         and abs(history.loss[-1] - history.loss[-2]) < tol)
            if snapshot_every and (epoch % snapshot_every == 0 or epoch == epochs or converged):
                history.snapshots.append(_snapshot(net, epoch))
            if callback is not None:
                callback(history)
            if converged:
                history.stop = Stop.CONVERGED
                history.message = (f"converged in epoch {epoch}: J changed by less "
                                   f"than tol={tol}")
                return history
    history.message = f"reached the epoch limit ({epochs})"
    return history


def _epoch_batches(X, Y, batch_size, rng):
    """A function giving one epoch's batches (X_b, Y_b): the whole set, or
    shuffled mini-batches of ``batch_size`` columns (the last may be smaller)."""
    m = X.shape[1]
    if batch_size is None or batch_size >= m:
        return lambda: ((X, Y),)
    # Gather rows of Xᵀ and pass their transpose (a view): gathering scattered
    # columns of X directly is a strided copy that costs as much as a layer's
    # matrix product.
    X_rows, Y_rows = np.ascontiguousarray(X.T), np.ascontiguousarray(Y.T)

    def epoch():
        order = rng.permutation(m)
        for start in range(0, m, batch_size):
            idx = order[start:start + batch_size]
            yield X_rows[idx].T, Y_rows[idx].T
    return epoch


def predict_classes(net, X) -> np.ndarray:
    """The class the network predicts for each column of X (n_0, m), shape
    (m,): :func:`bpcore.data.classes` of ŷ — the largest ŷ_k with several
    outputs, else 1 where ŷ ≥ ½ (one sigmoid output)."""
    return classes(forward(net, X).y_hat)
