"""The loss J(y, ŷ), averaged over the m columns of a batch (chapter 1).

- mean squared error: J = (1/m) Σᵢ ½‖ŷᵢ − yᵢ‖²
- cross-entropy:      J = −(1/m) Σᵢ Σₖ yᵢₖ log ŷᵢₖ, with a softmax output

Y and ŷ have shape (n_L, m), one column per example.
"""
from __future__ import annotations

import numpy as np

LOSSES = ("mse", "cross_entropy")


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
    """J = −(1/m) Σᵢ Σₖ yᵢₖ log ŷᵢₖ with ŷ = softmax(z⁽ᴸ⁾).

    Takes z⁽ᴸ⁾ rather than ŷ: log ŷ = log_softmax(z⁽ᴸ⁾) stays finite even
    where ŷ rounds to 0 (e.g. z = ±1000).
    """
    m = Y.shape[1]
    return float(-(Y * log_softmax(z_L)).sum() / m)


def cross_entropy_grad(Y: np.ndarray, Y_hat: np.ndarray) -> np.ndarray:
    """∂J/∂ŷ = −y/(m ŷ) for cross-entropy (chapter 2 multiplies it by the
    softmax Jacobian to reach δ⁽ᴸ⁾ = (ŷ − y)/m, which step 2 uses directly)."""
    return -Y / (Y.shape[1] * Y_hat)
