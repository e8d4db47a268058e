"""The frames of the classroom explorer: one training iteration, step by step.

Each iteration t = 0, 1, …, T−1 runs the five steps on the whole batch with
bpcore's own step functions, once, and records them as frames in the book's
order::

    forward l = 1..L  →  loss J  →  δ⁽ᴸ⁾ … δ⁽¹⁾  →  ∂J/∂W⁽ˡ⁾, ∂J/∂b⁽ˡ⁾ (l = L..1)
    →  update (W, b before → after)  →  next iteration …  →  result (J after T updates)

A :class:`Frame` holds the numbers of its step for the whole batch (columns
are examples); :mod:`bpcore.widgets.classroom.draw` turns each frame into HTML.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import numpy as np

from ... import checks
from ...data import moons, one_hot, spirals, xor
from ...equations import delta_label, loss_label
from ...network import Network
from ...steps import (
    Gradients,
    Trace,
    backprop_deltas,
    forward,
    loss_value,
    output_delta,
    param_grads,
    update,
)

# name -> (sizes, activations, loss): small enough to print every number.
ARCHITECTURES: dict[str, tuple[list[int], Any, str]] = {
    "2-3-1 tanh/sigmoid, mse": ([2, 3, 1], ["tanh", "sigmoid"], "mse"),
    "2-2-1 sigmoid, mse": ([2, 2, 1], "sigmoid", "mse"),
    "2-2-2 tanh/softmax, cross-entropy": ([2, 2, 2], ["tanh", "softmax"], "cross_entropy"),
    "2-3-2-1 tanh/sigmoid, mse": ([2, 3, 2, 1], ["tanh", "tanh", "sigmoid"], "mse"),
}


def _xor():
    X, Y = xor()
    return X, Y[0].astype(int)


# name -> () -> (X (2, m), labels (m,) in {0, 1}); tiny, fixed (data seed 0).
DATASETS = {
    "xor": _xor,
    "moons": lambda: moons(m=8, noise=0.1, seed=0),
    "spirals": lambda: spirals(m=8, n_classes=2, noise=0.1, seed=0),
}

class Kind(str, Enum):
    """What a frame shows, in the order of one iteration."""

    FORWARD = "forward"   # step 1, layer l: z⁽ˡ⁾, a⁽ˡ⁾
    LOSS = "loss"         # step 1, end: J
    DELTA = "delta"       # step 2 (l = L) or 3: δ⁽ˡ⁾
    GRAD = "grad"         # step 4, layer l: ∂J/∂W⁽ˡ⁾, ∂J/∂b⁽ˡ⁾
    UPDATE = "update"     # step 5: every W⁽ˡ⁾, b⁽ˡ⁾ before and after
    RESULT = "result"     # J after the last update

    def __str__(self) -> str:
        return self.value

    def step(self, l: int | None, L: int) -> int | None:
        """Which of the source note's five steps this is (1..5; None for the result)."""
        if self is Kind.DELTA:
            return 2 if l == L else 3
        return {Kind.FORWARD: 1, Kind.LOSS: 1, Kind.GRAD: 4, Kind.UPDATE: 5}.get(self)

    def equations(self, l: int | None, L: int, loss: str) -> list[str]:
        """The labels (:mod:`bpcore.equations`) of the equations this frame uses."""
        if self is Kind.FORWARD:
            return ["eq-forward-z", "eq-forward-a"]
        if self in (Kind.LOSS, Kind.RESULT):
            return [loss_label(loss)]
        if self is Kind.DELTA:
            return [delta_label(l, L, loss)]
        if self is Kind.GRAD:
            return ["eq-grad-W", "eq-grad-b"]
        return ["eq-update-W", "eq-update-b"]


@dataclass
class Frame:
    """One step of the explorer.

    ``kind`` is a :class:`Kind`; ``iteration`` is t (0-based; the
    result frame has t = T); ``layer`` is l for forward / delta / grad frames,
    else None. ``values`` holds the step's numbers for the whole batch:
    forward {"z", "a"}; loss and result {"J"}; delta {"delta"};
    grad {"dW", "db"}; update {"W_before", "b_before", "dW", "db", "W_after",
    "b_after"} (dicts keyed by l).
    """

    kind: Kind
    iteration: int
    layer: int | None
    values: dict[str, Any] = field(repr=False)


@dataclass
class Iteration:
    """What iteration t computed: the network *before* its update, the forward
    trace, J, the deltas and the gradients."""

    net: Network
    trace: Trace
    J: float
    delta: dict
    dW: dict
    db: dict


@dataclass
class Run:
    """T iterations of gradient descent, as frames.

    ``losses`` has T + 1 values: J before each update t = 0..T−1, and J after
    the last one. ``final`` is the network after T updates.
    """

    X: np.ndarray
    Y: np.ndarray
    loss: str
    lr: float
    iterations: list[Iteration]
    final: Network
    losses: list[float]
    frames: list[Frame]


def targets(labels: np.ndarray, n_out: int, loss: str) -> np.ndarray:
    """Y for the labels: one row of 0/1 for one output unit (mse), one-hot
    (n_out, m) otherwise."""
    if loss == "cross_entropy" or n_out > 1:
        return one_hot(labels, n_out)
    return labels.reshape(1, -1).astype(float)


def preset(arch: str, dataset: str, seed: int = 0):
    """(net, X, Y, loss) for a named architecture, data set and weight seed."""
    if arch not in ARCHITECTURES:
        raise ValueError(f"unknown architecture {arch!r}: choose one of {list(ARCHITECTURES)}")
    if dataset not in DATASETS:
        raise ValueError(f"unknown data set {dataset!r}: choose one of {list(DATASETS)}")
    sizes, acts, loss = ARCHITECTURES[arch]
    X, labels = DATASETS[dataset]()
    return Network(sizes, activations=acts, seed=seed), X, targets(labels, sizes[-1], loss), loss


def run(net: Network, X, Y, loss: str = "mse", lr: float = 0.5, iterations: int = 4) -> Run:
    """T = ``iterations`` full-batch gradient-descent iterations on a copy of
    ``net`` (the caller's network is not changed), each step computed once by
    bpcore's step functions, and the frames that show them."""
    loss = checks.loss_name(net, loss)
    X = checks.inputs(net, X)
    Y = checks.targets(net, Y, X.shape[1], loss)
    lr = checks.learning_rate(lr)
    T = checks.positive_int("iterations", iterations)
    net, L = net.copy(), net.L
    done: list[Iteration] = []
    frames: list[Frame] = []
    for t in range(T):
        before = net.copy()
        trace = forward(net, X)                                   # step 1
        J = loss_value(net, trace, Y, loss)
        delta = backprop_deltas(net, trace, output_delta(net, trace, Y, loss))  # steps 2, 3
        dW, db = param_grads(trace, delta)                        # step 4
        update(net, Gradients(delta, dW, db), lr)                 # step 5 (in place)
        done.append(Iteration(before, trace, J, delta, dW, db))
        frames += [Frame(Kind.FORWARD, t, l, {"z": trace.z[l], "a": trace.a[l]})
                   for l in range(1, L + 1)]
        frames.append(Frame(Kind.LOSS, t, None, {"J": J}))
        frames += [Frame(Kind.DELTA, t, l, {"delta": delta[l]}) for l in range(L, 0, -1)]
        frames += [Frame(Kind.GRAD, t, l, {"dW": dW[l], "db": db[l]}) for l in range(L, 0, -1)]
        frames.append(Frame(Kind.UPDATE, t, None, {
            "W_before": before.W, "b_before": before.b, "dW": dW, "db": db,
            "W_after": {l: w.copy() for l, w in net.W.items()},
            "b_after": {l: b.copy() for l, b in net.b.items()}}))
    J_final = loss_value(net, forward(net, X), Y, loss)
    frames.append(Frame(Kind.RESULT, T, None, {"J": J_final}))
    return Run(X, Y, loss, lr, done, net, [it.J for it in done] + [J_final], frames)
