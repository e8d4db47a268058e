"""The five steps of backpropagation, one function each.

1. ``forward``          z⁽ˡ⁾ = W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾, a⁽ˡ⁾ = σ_l(z⁽ˡ⁾); then J(y, ŷ)
2. ``output_delta``     δ⁽ᴸ⁾ = ∂J/∂ŷ ⊙ σ_L′(z⁽ᴸ⁾)
3. ``backprop_deltas``  δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾ ⊙ σ_l′(z⁽ˡ⁾), l = L−1..1
4. ``param_grads``      ∂J/∂W⁽ˡ⁾ = δ⁽ˡ⁾ (a⁽ˡ⁻¹⁾)ᵀ, ∂J/∂b⁽ˡ⁾ = Σ_columns δ⁽ˡ⁾
5. ``update``           W⁽ˡ⁾ ← W⁽ˡ⁾ − η ∂J/∂W⁽ˡ⁾, b⁽ˡ⁾ ← b⁽ˡ⁾ − η ∂J/∂b⁽ˡ⁾

``backward`` is steps 2–4 in a row. δ⁽ˡ⁾ := ∂J/∂z⁽ˡ⁾ for the whole batch, so
the 1/m of the batch mean lives inside δ⁽ᴸ⁾.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import checks, losses


def _shapes(prefix: str, d: dict) -> str:
    return ", ".join(f"{prefix}[{l}] {d[l].shape}" for l in sorted(d))


@dataclass(slots=True)
class Trace:
    """What the forward pass keeps: z[l] for l = 1..L and a[l] for l = 0..L
    (a[0] = X), each of shape (n_l, m)."""

    z: dict[int, np.ndarray]
    a: dict[int, np.ndarray]

    @property
    def L(self) -> int:
        return len(self.z)

    @property
    def y_hat(self) -> np.ndarray:
        """ŷ = a⁽ᴸ⁾."""
        return self.a[self.L]

    def __repr__(self) -> str:
        m = self.a[0].shape[1]
        return (f"Trace(L={self.L}, m={m})\n  {_shapes('a', {0: self.a[0]})}\n"
                + "\n".join(f"  z[{l}] {self.z[l].shape}, a[{l}] {self.a[l].shape}"
                            for l in range(1, self.L + 1)))


@dataclass(slots=True)
class Gradients:
    """What the backward pass gives: delta[l] = δ⁽ˡ⁾ (n_l, m),
    dW[l] = ∂J/∂W⁽ˡ⁾ (n_l, n_{l−1}) and db[l] = ∂J/∂b⁽ˡ⁾ (n_l, 1)."""

    delta: dict[int, np.ndarray]
    dW: dict[int, np.ndarray]
    db: dict[int, np.ndarray]

    def __repr__(self) -> str:
        L = len(self.delta)
        return f"Gradients(L={L})\n" + "\n".join(
            f"  delta[{l}] {self.delta[l].shape}, dW[{l}] {self.dW[l].shape}, "
            f"db[{l}] {self.db[l].shape}" for l in range(L, 0, -1))


def forward(net, X, *, check: bool = True) -> Trace:
    """Step 1: the forward pass on a batch X of shape (n_0, m).

    ``check=False`` skips the input checks (``train`` checks its data once).
    """
    if check:
        X = checks.inputs(net, X)
    z, a = {}, {0: X}
    for l in range(1, net.L + 1):
        z[l] = net.W[l] @ a[l - 1] + net.b[l]
        a[l] = net.sigma[l].f(z[l])
    return Trace(z, a)


def loss_value(net, trace: Trace, Y, loss: str = "mse", *, check: bool = True) -> float:
    """Step 1, end: the batch loss J(y, ŷ) — mse on ŷ, cross-entropy through
    z⁽ᴸ⁾ so that it stays finite (:mod:`bpcore.losses`). Y has the shape
    (n_L, m) of ŷ."""
    if check:
        loss = checks.loss_name(net, loss)
        Y = checks.targets(net, Y, trace.a[0].shape[1], loss)
    return losses.get(loss).value(Y, trace.a[net.L], trace.z[net.L])


def output_delta(net, trace: Trace, Y, loss: str = "mse", *, check: bool = True) -> np.ndarray:
    """Step 2: δ⁽ᴸ⁾ = ∂J/∂ŷ ⊙ σ_L′(z⁽ᴸ⁾), shape (n_L, m).

    σ_L′ is taken at z⁽ᴸ⁾ (the source note's σ′(ŷ) is shorthand). With softmax
    and cross-entropy the product simplifies to δ⁽ᴸ⁾ = (ŷ − y)/m.
    """
    if check:
        loss = checks.loss_name(net, loss)
        Y = checks.targets(net, Y, trace.a[0].shape[1], loss)
    L, J = net.L, losses.get(loss)
    y_hat = trace.a[L]
    if J.delta is not None:                  # softmax + cross-entropy: (ŷ − y)/m
        return J.delta(Y, y_hat)
    return J.grad(Y, y_hat) * net.sigma[L].df(trace.z[L], y_hat)


def backprop_deltas(net, trace: Trace, delta_L: np.ndarray) -> dict[int, np.ndarray]:
    """Step 3: δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾ ⊙ σ_l′(z⁽ˡ⁾) for l = L−1 down to 1.

    Returns delta[l] for l = 1..L (delta[L] is δ⁽ᴸ⁾ from step 2)."""
    delta = {net.L: delta_L}
    for l in range(net.L - 1, 0, -1):
        delta[l] = (net.W[l + 1].T @ delta[l + 1]) * net.sigma[l].df(trace.z[l], trace.a[l])
    return delta


def param_grads(trace: Trace, delta: dict[int, np.ndarray]):
    """Step 4: ∂J/∂W⁽ˡ⁾ = δ⁽ˡ⁾ (a⁽ˡ⁻¹⁾)ᵀ and ∂J/∂b⁽ˡ⁾ = δ⁽ˡ⁾ summed over the
    m columns. Returns the dicts (dW, db)."""
    dW, db = {}, {}
    for l in delta:
        dW[l] = delta[l] @ trace.a[l - 1].T
        db[l] = delta[l].sum(axis=1, keepdims=True)
    return dW, db


def backward(net, trace: Trace, Y, loss: str = "mse", *, check: bool = True) -> Gradients:
    """Steps 2–4 on the batch of ``trace``: δ⁽ᴸ⁾, then every δ⁽ˡ⁾, then the
    gradients. Y has shape (n_L, m) (for cross-entropy, integer labels of
    shape (m,) are accepted too)."""
    if check:
        loss = checks.loss_name(net, loss)
        Y = checks.targets(net, Y, trace.a[0].shape[1], loss)
    delta = backprop_deltas(net, trace, output_delta(net, trace, Y, loss, check=False))
    dW, db = param_grads(trace, delta)
    return Gradients(delta, dW, db)


def update(net, grads: Gradients, lr: float) -> None:
    """Step 5, in place: W⁽ˡ⁾ ← W⁽ˡ⁾ − η ∂J/∂W⁽ˡ⁾, b⁽ˡ⁾ ← b⁽ˡ⁾ − η ∂J/∂b⁽ˡ⁾."""
    lr = checks.learning_rate(lr)
    for l in grads.dW:
        net.W[l] -= lr * grads.dW[l]
        net.b[l] -= lr * grads.db[l]
