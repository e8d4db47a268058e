"""Activation functions σ and their derivatives σ′ (chapters 1–3).

Each activation is applied elementwise to z⁽ˡ⁾ (shape (n_l, m)), except
softmax, which normalises each column.  ``df(z, a)`` is σ′ evaluated at
z⁽ˡ⁾; ``a = σ(z)`` is passed along because for the sigmoid and tanh σ′ is
cheapest written through it (σ′(z) = a(1 − a), 1 − a²).  That identity is
also why the source note's shorthand σ′(ŷ) appears — and why calling a
sigmoid-derivative routine *on ŷ* is a classic bug (chapter 2).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Activation:
    """An activation σ: ``f(z)`` = σ(z), ``df(z, a)`` = σ′(z) given a = σ(z).

    ``init`` names the weight initialisation that suits it ("glorot" or "he").
    """

    name: str
    f: Callable[[np.ndarray], np.ndarray]
    df: Callable[[np.ndarray, np.ndarray], np.ndarray] | None
    init: str

    def __repr__(self) -> str:
        return f"Activation({self.name!r})"


def sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) = 1 / (1 + e^(−z)), computed as (1 + tanh(z/2)) / 2.

    The two are equal, but the tanh form never overflows (no warning at
    z = ±1000) and costs the same number of array operations.
    """
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def sigmoid_prime(z: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
    """σ′(z) = σ(z)(1 − σ(z)) — evaluated at z, *not* at a = σ(z)."""
    if a is None:
        a = sigmoid(z)
    return a * (1.0 - a)


def tanh_prime(z: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
    """tanh′(z) = 1 − tanh²(z)."""
    if a is None:
        a = np.tanh(z)
    return 1.0 - a * a


def relu(z: np.ndarray) -> np.ndarray:
    """relu(z) = max(0, z)."""
    return np.maximum(z, 0)


def relu_prime(z: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
    """relu′(z) = 1 where z > 0, else 0 (the value 0 is taken at z = 0)."""
    return (z > 0).astype(z.dtype)


def identity(z: np.ndarray) -> np.ndarray:
    """identity(z) = z (a linear output layer, e.g. for regression)."""
    return z


def identity_prime(z: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
    """identity′(z) = 1."""
    return np.ones_like(z)


def softmax(z: np.ndarray) -> np.ndarray:
    """softmax(z)_k = e^(z_k) / Σ_j e^(z_j), for each column of z.

    The column maximum is subtracted first, so no exponential overflows.
    Its derivative is not elementwise; with cross-entropy the product
    ∂J/∂ŷ ⊙ σ′ collapses to (ŷ − y)/m (chapter 2), which is what step 2 uses.
    """
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_prime, "glorot"),
    "tanh": Activation("tanh", np.tanh, tanh_prime, "glorot"),
    "relu": Activation("relu", relu, relu_prime, "he"),
    "identity": Activation("identity", identity, identity_prime, "glorot"),
    "softmax": Activation("softmax", softmax, None, "glorot"),
}


def get(name: str) -> Activation:
    """The activation called ``name``; a ValueError lists the known names."""
    if isinstance(name, Activation):
        return name
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        known = ", ".join(repr(k) for k in ACTIVATIONS)
        raise ValueError(
            f"unknown activation {name!r}: use one of {known}"
        ) from None
