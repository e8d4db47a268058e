"""The loss J(y, ŷ), averaged over the m columns of a batch (chapter 1).

- mean squared error: J = (1/m) Σᵢ ½‖ŷᵢ − yᵢ‖²
- cross-entropy:      J = −(1/m) Σᵢ Σₖ y_{ki} log ŷ_{ki}, with a softmax output
  (k the class = row, i the example = column)

Y and ŷ have shape (n_L, m), one column per example. ``LOSSES`` maps each
name to a :class:`Loss`; :func:`get` looks one up, so a misspelt name is an
error rather than another loss.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


def mse(Y: np.ndarray, Y_hat: np.ndarray) -> float:
    """J = (1/m) Σᵢ ½‖ŷᵢ − yᵢ‖²."""
    m = Y.shape[1]
    return float(0.5 * ((Y_hat - Y) ** 2).sum() / m)


def mse_grad(Y: np.ndarray, Y_hat: np.ndarray) -> np.ndarray:
    """∂J/∂ŷ = (ŷ − y)/m for the mean squared error; shape (n_L, m)."""
    return (Y_hat - Y) / Y.shape[1]


def log_softmax(z: np.ndarray) -> np.ndarray:
    """log softmax(z) per column, as z − max − log Σ e^(z − max): never log 0."""
    shifted = z - z.max(axis=0, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))


def cross_entropy(Y: np.ndarray, z_L: np.ndarray) -> float:
    """J = −(1/m) Σᵢ Σₖ y_{ki} log ŷ_{ki} with ŷ = softmax(z⁽ᴸ⁾).

    Takes z⁽ᴸ⁾ rather than ŷ: log ŷ = log_softmax(z⁽ᴸ⁾) stays finite even
    where ŷ rounds to 0 (e.g. z = ±1000).
    """
    m = Y.shape[1]
    return float(-(Y * log_softmax(z_L)).sum() / m)


def cross_entropy_grad(Y: np.ndarray, Y_hat: np.ndarray) -> np.ndarray:
    """∂J/∂ŷ = −y/(m ŷ) for cross-entropy (chapter 2 multiplies it by the
    softmax Jacobian to reach δ⁽ᴸ⁾ = (ŷ − y)/m, which step 2 uses directly)."""
    return -Y / (Y.shape[1] * Y_hat)


def softmax_delta(Y: np.ndarray, Y_hat: np.ndarray) -> np.ndarray:
    """δ⁽ᴸ⁾ = (ŷ − y)/m: ∂J/∂ŷ of cross-entropy times the softmax Jacobian,
    simplified (chapter 2)."""
    return (Y_hat - Y) / Y.shape[1]


@dataclass(frozen=True)
class Loss:
    """A loss J: ``value(Y, ŷ, z⁽ᴸ⁾)`` = J, ``grad(Y, ŷ)`` = ∂J/∂ŷ.

    ``output`` names the output activation the loss requires ("softmax" for
    cross-entropy) or is None for any other; ``delta`` is δ⁽ᴸ⁾ in closed form
    for that pairing (None: step 2 multiplies ∂J/∂ŷ by σ_L′(z⁽ᴸ⁾)).
    ``equation`` is the label of J in :mod:`bpcore.equations`.
    """

    name: str
    value: Callable[[np.ndarray, np.ndarray, np.ndarray], float]
    grad: Callable[[np.ndarray, np.ndarray], np.ndarray]
    output: str | None
    delta: Callable[[np.ndarray, np.ndarray], np.ndarray] | None
    equation: str

    def __repr__(self) -> str:
        return f"Loss({self.name!r})"


LOSSES: dict[str, Loss] = {
    "mse": Loss("mse", lambda Y, Y_hat, z_L: mse(Y, Y_hat), mse_grad, None, None,
                "eq-loss-mse"),
    "cross_entropy": Loss("cross_entropy", lambda Y, Y_hat, z_L: cross_entropy(Y, z_L),
                          cross_entropy_grad, "softmax", softmax_delta, "eq-loss-ce"),
}


def get(name: str) -> Loss:
    """The loss called ``name``; a ValueError lists the known names."""
    try:
        return LOSSES[name]
    except (KeyError, TypeError):
        known = " or ".join(repr(k) for k in LOSSES)
        raise ValueError(f"unknown loss {name!r}: use {known}") from None
