"""Gradient checking: backpropagation against centred finite differences
(chapter 4).

For every parameter θ, ∂J/∂θ ≈ (J(θ + ε) − J(θ − ε)) / (2ε), with an error
of order ε². The agreement is the relative error ‖g − g̃‖ / (‖g‖ + ‖g̃‖):
``FINE`` (1e-7) or less is right in float64; ``BUG`` (1e-3) or more is a bug.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import checks
from .network import Network
from .steps import Gradients, Trace, backward, forward, loss_value

#: Relative error at or below which ``backward`` agrees with the finite
#: differences (float64, centred differences, ε ≈ 1e-6).
FINE = 1e-7
#: Relative error at or above which ``backward`` has a bug.
BUG = 1e-3


def numerical_grads(net, X, Y, loss: str = "mse", eps: float = 1e-6):
    """∂J/∂W⁽ˡ⁾ and ∂J/∂b⁽ˡ⁾ by centred differences, in float64.

    Returns the dicts (dW, db) with the shapes of W[l] and b[l]. Costs two
    forward passes per parameter: for small networks only.
    """
    net64, X, Y, loss = _float64_problem(net, X, Y, loss)

    def J() -> float:
        return loss_value(net64, forward(net64, X, check=False), Y, loss, check=False)

    grads = {}
    for name, params in (("W", net64.W), ("b", net64.b)):
        grads[name] = {}
        for l, P in params.items():
            G = np.empty_like(P)
            for i in np.ndindex(P.shape):
                saved = P[i]
                P[i] = saved + eps
                J_plus = J()
                P[i] = saved - eps
                J_minus = J()
                P[i] = saved
                G[i] = (J_plus - J_minus) / (2 * eps)
            grads[name][l] = G
    return grads["W"], grads["b"]


def relative_error(g: np.ndarray, g_num: np.ndarray) -> float:
    """‖g − g̃‖ / (‖g‖ + ‖g̃‖), and 0 when both are exactly zero."""
    denom = np.linalg.norm(g) + np.linalg.norm(g_num)
    return 0.0 if denom == 0 else float(np.linalg.norm(g - g_num) / denom)


@dataclass
class GradcheckReport:
    """Backpropagation beside finite differences, for every layer l = 1..L.

    ``net`` is the float64 copy that was checked, ``trace`` its forward pass,
    ``grads`` what ``backward`` gave, ``dW_num[l]`` and ``db_num[l]`` the
    centred differences (shapes of W[l] and b[l]), ``rel_err[l]`` the
    relative error of layer l (W⁽ˡ⁾ and b⁽ˡ⁾ together) and ``total`` the one
    over all parameters.
    """

    net: Network
    trace: Trace
    grads: Gradients
    dW_num: dict[int, np.ndarray]
    db_num: dict[int, np.ndarray]
    rel_err: dict[int, float]
    total: float


def gradcheck_report(net, X, Y, loss: str = "mse", eps: float = 1e-6,
                     backward: Callable[..., Gradients] = backward) -> GradcheckReport:
    """``backward``'s ∂J/∂W⁽ˡ⁾, ∂J/∂b⁽ˡ⁾ against centred finite differences,
    layer by layer and over all parameters (a :class:`GradcheckReport`).

    Pass your own ``backward(net, trace, Y, loss)`` to check it instead of
    bpcore's. A float32 network is checked on a float64 copy.
    """
    net64, X, Y, loss = _float64_problem(net, X, Y, loss)
    trace = forward(net64, X, check=False)
    grads = backward(net64, trace, Y, loss)
    dW_num, db_num = numerical_grads(net64, X, Y, loss, eps)
    layers = range(1, net64.L + 1)
    for l in layers:
        if grads.dW[l].shape != dW_num[l].shape or grads.db[l].shape != db_num[l].shape:
            raise ValueError(
                f"layer {l}: backward gave dW {grads.dW[l].shape} and db {grads.db[l].shape}, "
                f"but W[{l}] and b[{l}] have shapes {dW_num[l].shape} and {db_num[l].shape}")

    def flat(dW, db, ls):
        return np.concatenate([d[l].ravel() for l in ls for d in (dW, db)])

    rel_err = {l: relative_error(flat(grads.dW, grads.db, [l]), flat(dW_num, db_num, [l]))
               for l in layers}
    total = relative_error(flat(grads.dW, grads.db, layers), flat(dW_num, db_num, layers))
    return GradcheckReport(net64, trace, grads, dW_num, db_num, rel_err, total)


def gradcheck(net, X, Y, loss: str = "mse", eps: float = 1e-6,
              per_layer: bool = False,
              backward: Callable[..., Gradients] = backward):
    """The relative error between ``backward``'s gradients and centred finite
    differences, over all W⁽ˡ⁾ and b⁽ˡ⁾ together — or, with
    ``per_layer=True``, a dict {l: error of layer l's W⁽ˡ⁾ and b⁽ˡ⁾}
    (both from :func:`gradcheck_report`).
    """
    report = gradcheck_report(net, X, Y, loss, eps, backward)
    return report.rel_err if per_layer else report.total


def _float64_problem(net, X, Y, loss):
    """A float64 copy of the network (so perturbing it leaves ``net`` alone),
    and the data and loss, checked."""
    net = Network.from_params({l: w.astype(np.float64) for l, w in net.W.items()},
                              net.b, net.activations)
    loss = checks.loss_name(net, loss)
    X = checks.inputs(net, X)
    Y = checks.targets(net, Y, X.shape[1], loss)
    return net, X, Y, loss
