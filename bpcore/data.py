"""Data sets, arranged as the book arranges them: one example per column.

X has shape (n_0, m); labels y have shape (m,); one-hot targets Y (K, m).
:func:`running_example` is the network and batch that chapters 1–5 carry
through the five steps.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .network import Network


def one_hot(labels, n_classes: int) -> np.ndarray:
    """Y of shape (n_classes, m) with Y[k, i] = 1 where labels[i] = k."""
    labels = np.asarray(labels)
    if labels.ndim != 1:
        raise ValueError(f"labels must be 1-D (one per example), got shape {labels.shape}")
    if labels.size and not np.issubdtype(labels.dtype, np.integer):
        if not np.all(np.isfinite(labels)) or np.any(labels != np.round(labels)):
            raise ValueError("labels must be whole numbers 0..n_classes−1 (class indices)")
        labels = labels.astype(np.int64)
    bad = (labels < 0) | (labels >= n_classes)
    if bad.any():
        raise ValueError(
            f"label {labels[bad][0]} is outside the classes 0..{n_classes - 1} "
            f"(the output layer has {n_classes} units): relabel the data or "
            f"widen the output layer")
    Y = np.zeros((n_classes, labels.size))
    Y[labels, np.arange(labels.size)] = 1.0
    return Y


def classes(Y) -> np.ndarray:
    """The class each column of Y (n_L, m) stands for, shape (m,): the row of
    the largest entry when there are several rows (one-hot targets, or the
    softmax output ŷ), else 1 where the single row is ≥ ½ and 0 elsewhere
    (a 0/1 target, or a sigmoid output). For two or more classes, the
    inverse of :func:`one_hot`."""
    Y = np.asarray(Y)
    if Y.ndim != 2:
        raise ValueError(f"Y must be 2-D with one column per example, got shape {Y.shape}")
    if Y.shape[0] == 1:
        return (Y[0] >= 0.5).astype(np.int64)
    return Y.argmax(axis=0)


def xor():
    """The four XOR examples: X (2, 4) and Y (1, 4), y = x₁ XOR x₂."""
    X = np.array([[0.0, 0.0, 1.0, 1.0],
                  [0.0, 1.0, 0.0, 1.0]])
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    return X, Y


def moons(m: int = 200, noise: float = 0.1, seed: int | None = 0):
    """Two interleaving half circles: X (2, m), labels y (m,) in {0, 1}."""
    rng = np.random.default_rng(seed)
    y = np.arange(m) % 2
    t = rng.uniform(0, np.pi, m)
    X = np.where(y == 0, [np.cos(t), np.sin(t)], [1 - np.cos(t), 0.5 - np.sin(t)])
    return X + noise * rng.standard_normal((2, m)), y


def spirals(m: int = 300, n_classes: int = 3, noise: float = 0.2, seed: int | None = 0):
    """``n_classes`` interleaved spiral arms: X (2, m), labels y (m,)."""
    rng = np.random.default_rng(seed)
    y = np.arange(m) % n_classes
    r = rng.uniform(0.05, 1.0, m)
    theta = y * 2 * np.pi / n_classes + 4 * r + noise * rng.standard_normal(m)
    return np.stack([r * np.cos(theta), r * np.sin(theta)]), y


def circles(m: int = 200, noise: float = 0.1, factor: float = 0.5, seed: int | None = 0):
    """Two concentric rings, radius 1 (class 0) and ``factor`` (class 1),
    with Gaussian noise: X (2, m), labels y (m,) in {0, 1}."""
    if not 0 < factor < 1:
        raise ValueError(f"factor is the inner ring's radius, between 0 and 1 "
                         f"(the outer ring has radius 1); got {factor!r}")
    rng = np.random.default_rng(seed)
    y = np.arange(m) % 2
    t = rng.uniform(0, 2 * np.pi, m)
    r = np.where(y == 1, factor, 1.0)
    return np.stack([r * np.cos(t), r * np.sin(t)]) + noise * rng.standard_normal((2, m)), y


@dataclass
class Split:
    """A train/test split: X_* (n_0, m_*), one-hot Y_* (k, m_*), labels y_*."""

    X_train: np.ndarray
    Y_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    Y_test: np.ndarray
    y_test: np.ndarray

    def __repr__(self) -> str:
        return (f"Split(X_train {self.X_train.shape}, Y_train {self.Y_train.shape}, "
                f"X_test {self.X_test.shape}, Y_test {self.Y_test.shape})")


def split(X: np.ndarray, y: np.ndarray, n_classes: int, test_size: float = 0.25,
          seed: int | None = 0, standardise: bool = True) -> Split:
    """Shuffle the columns with ``default_rng(seed)`` and hold out
    ``test_size`` of them. With ``standardise``, each row (feature) is
    centred and scaled by the *training* mean and standard deviation; a row
    that is constant in the training set (std 0, e.g. a digit's corner
    pixel) is only centred, instead of becoming NaN."""
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must lie strictly between 0 and 1, got {test_size!r}")
    m = X.shape[1]
    order = np.random.default_rng(seed).permutation(m)
    n_test = int(round(test_size * m))
    test, train = order[:n_test], order[n_test:]
    X_train, X_test = X[:, train], X[:, test]
    if standardise:
        mu = X_train.mean(axis=1, keepdims=True)
        sd = X_train.std(axis=1, keepdims=True)
        sd[sd == 0] = 1.0
        X_train, X_test = (X_train - mu) / sd, (X_test - mu) / sd
    return Split(X_train, one_hot(y[train], n_classes), y[train],
                 X_test, one_hot(y[test], n_classes), y[test])


def digits(test_size: float = 0.25, seed: int | None = 0) -> Split:
    """scikit-learn's 8×8 handwritten digits (1797 images, shipped with the
    package, no download), as X (64, m) standardised columns and one-hot
    Y (10, m), split by :func:`split`."""
    try:
        from sklearn.datasets import load_digits
    except ImportError:
        raise ImportError("bpcore.data.digits needs scikit-learn: "
                          "pip install scikit-learn") from None
    d = load_digits()
    return split(d.data.T, d.target, 10, test_size=test_size, seed=seed)


@dataclass
class RunningExample:
    """The book's running example: ``net`` (2-3-1, sigmoid in both layers),
    the batch X (2, 4) and Y (1, 4) of :func:`xor`, the loss and the
    learning rate η of chapter 5's one update."""

    net: Network
    X: np.ndarray
    Y: np.ndarray
    loss: str = "mse"
    lr: float = 2.0

    def __repr__(self) -> str:
        return (f"RunningExample(sizes={self.net.sizes}, activations={self.net.activations}, "
                f"m={self.X.shape[1]}, loss={self.loss!r}, lr={self.lr:g})")


def running_example() -> RunningExample:
    """Chapter 1's network and batch, carried through steps 1–5 (chapters
    1–5): W⁽¹⁾, b⁽¹⁾, W⁽²⁾, b⁽²⁾ are round numbers so the first steps can
    be checked by hand; the batch is the four XOR examples, one per column.
    Each call returns fresh arrays, so a chapter may update its copy."""
    net = Network.from_params(
        W={1: [[0.8, 0.2],         # row j: the weights into unit j of layer 1
               [-0.5, 0.4],
               [0.3, -0.7]],
           2: [[1.0, -1.5, 0.5]]},
        b={1: [-0.1, 0.2, 0.0], 2: [0.2]},
        activations="sigmoid")
    X, Y = xor()
    return RunningExample(net, X, Y)
