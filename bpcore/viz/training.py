"""Figures of a training run (chapter 6), in matplotlib.

- :func:`loss_curves`: J per epoch, training (solid) and test (dashed);
- :func:`decision_boundary`: the class a network predicts over the plane,
  with the points of a 2-D data set on top;
- :func:`confusion_matrix`: counts of (true class, predicted class) pairs
  (counted by scikit-learn's ``confusion_matrix``);
- :func:`misclassified`: a grid of the images the network gets wrong.

Every function draws into ``ax`` when given one (to overlay or compose
figures), else into a new figure, and returns the Figure. Labels are
symbols and English words only (CJK fonts are often missing); Chinese goes
in the book's captions.
"""
from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap, to_rgb
from matplotlib.figure import Figure

from ..train import predict_classes
from .style import CLASS_COLOURS


def _axes(ax, figsize):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def loss_curves(history, ax=None, *, label: str | None = None, color=None,
                log: bool = True, alpha: float = 1.0) -> Figure:
    """Draw ``history.loss`` (J on the training data, averaged over each
    epoch's batches) against the epoch as a solid line and, when recorded,
    ``history.val_loss`` (J on the validation/test data after each epoch)
    dashed, in the same colour. ``label`` names the run in the legend
    ("train"/"test" are appended); ``log`` uses a logarithmic J axis.
    Call it again with the same ``ax`` to overlay several runs."""
    ax = _axes(ax, (6, 3.6))
    epochs = np.arange(1, len(history.loss) + 1)
    prefix = f"{label}, " if label else ""
    line, = ax.plot(epochs, history.loss, color=color, alpha=alpha, lw=1.8,
                    label=f"{prefix}train" if history.val_loss or label else None)
    if history.val_loss:
        ax.plot(np.arange(1, len(history.val_loss) + 1), history.val_loss,
                color=line.get_color(), alpha=alpha, lw=1.8, ls="--",
                label=f"{prefix}test")
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss $J$")
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=9)
    return ax.figure


def boundary_grid(X, resolution: int = 200, margin: float = 0.25):
    """The grid on which :func:`decision_boundary` evaluates the network: a
    ``resolution`` × ``resolution`` lattice covering the points of X (2, m)
    plus ``margin`` × their range on every side. Returns (x1, x2, P): the
    coordinates along each axis and the grid points as columns, P (2, r²),
    ordered so that ``P[:, i * r + j] == (x1[j], x2[i])``."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] != 2:
        raise ValueError(f"X must hold 2-D points as columns, shape (2, m); got {X.shape}"
                         + (" — did you mean X.T?" if X.ndim == 2 and X.shape[1] == 2 else ""))
    lo, hi = X.min(axis=1), X.max(axis=1)
    pad = margin * np.where(hi > lo, hi - lo, 1.0)
    x1 = np.linspace(lo[0] - pad[0], hi[0] + pad[0], resolution)
    x2 = np.linspace(lo[1] - pad[1], hi[1] + pad[1], resolution)
    g1, g2 = np.meshgrid(x1, x2)
    return x1, x2, np.vstack([g1.ravel(), g2.ravel()])


def decision_boundary(net, X, y, ax=None, *, X_test=None, y_test=None,
                      resolution: int = 200, margin: float = 0.25) -> Figure:
    """Colour every point of the plane around X (2, m) by the class the
    network predicts there (:func:`bpcore.train.predict_classes` on :func:`boundary_grid`),
    so the edges between colours are the decision boundaries, and draw the
    examples on top coloured by their true labels y (m,): training points as
    circles, (X_test, y_test) as triangles. The region image is
    ``ax.images[0]``; its row i, column j is the class at (x1[j], x2[i])."""
    ax = _axes(ax, (4.6, 4.2))
    x1, x2, P = boundary_grid(X, resolution, margin)
    classes = predict_classes(net, P).reshape(resolution, resolution)
    y = np.asarray(y)
    k = max(net.sizes[-1], 2, int(y.max()) + 1)
    tints = ListedColormap([0.65 * np.array(to_rgb("white")) + 0.35 * np.array(c)
                            for c in CLASS_COLOURS[:k]])
    dx, dy = (x1[1] - x1[0]) / 2, (x2[1] - x2[0]) / 2
    ax.imshow(classes, origin="lower", cmap=tints, vmin=-0.5, vmax=k - 0.5,
              extent=(x1[0] - dx, x1[-1] + dx, x2[0] - dy, x2[-1] + dy),
              aspect="auto", interpolation="nearest")
    points = [(X, y, "o", "train")]
    if X_test is not None:
        points.append((np.asarray(X_test), np.asarray(y_test), "^", "test"))
    for Xs, ys, marker, name in points:
        for c in range(k):
            sel = ys == c
            if sel.any():
                ax.scatter(Xs[0, sel], Xs[1, sel], s=18, marker=marker,
                           color=CLASS_COLOURS[c], edgecolor="black", linewidth=0.4,
                           label=f"$y={c}$ ({name})")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(fontsize=7, loc="upper right", framealpha=0.8)
    return ax.figure


def confusion_counts(y_true, y_pred, n_classes: int | None = None) -> np.ndarray:
    """C (k, k) with C[i, j] = the number of examples of true class i that
    were predicted as class j (scikit-learn's ``confusion_matrix`` over the
    classes 0..k−1). Its entries sum to m; its diagonal counts the correct
    predictions."""
    from sklearn.metrics import confusion_matrix as count

    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape or y_true.ndim != 1:
        raise ValueError(f"y_true and y_pred must be 1-D and of equal length, got "
                         f"shapes {y_true.shape} and {y_pred.shape}")
    top = int(max(y_true.max(initial=0), y_pred.max(initial=0)))
    k = top + 1 if n_classes is None else n_classes
    if top >= k or min(y_true.min(initial=0), y_pred.min(initial=0)) < 0:
        raise ValueError(f"labels must lie in 0..{k - 1}, got values up to {top}: "
                         f"pass the number of classes as n_classes")
    return count(y_true, y_pred, labels=np.arange(k))


def confusion_matrix(y_true, y_pred, n_classes: int | None = None, ax=None) -> Figure:
    """Draw :func:`confusion_counts` as a table of shaded cells, the true
    class down the rows and the predicted class across the columns, each
    cell showing its count; correct predictions lie on the diagonal. The
    count image is ``ax.images[0]``."""
    C = confusion_counts(y_true, y_pred, n_classes)
    k = C.shape[0]
    ax = _axes(ax, (0.42 * k + 1.6, 0.42 * k + 1.2))
    ax.imshow(C, cmap="Blues", vmin=0, vmax=max(C.max(), 1))
    for i in range(k):
        for j in range(k):
            if C[i, j]:
                ax.text(j, i, str(C[i, j]), ha="center", va="center", fontsize=8,
                        color="white" if C[i, j] > 0.6 * C.max() else "black")
    ax.set_xticks(range(k))
    ax.set_yticks(range(k))
    ax.set_xlabel(r"predicted class $\arg\max_k \hat{y}_k$")
    ax.set_ylabel("true class $y$")
    return ax.figure


def misclassified(X, y_true, y_pred, n: int = 8, ncols: int = 4,
                  shape: Sequence[int] = (8, 8)) -> Figure:
    """A grid of the first ``n`` columns of X (n_0, m) with y_pred ≠ y_true,
    each reshaped to an image of ``shape`` (8 × 8 for the digits; dark =
    large value) and titled with its true label and the predicted class.
    Pass raw pixel values for the most legible pictures."""
    X, y_true, y_pred = np.asarray(X), np.asarray(y_true), np.asarray(y_pred)
    wrong = np.flatnonzero(y_true != y_pred)[:n]
    if wrong.size == 0:
        fig, ax = plt.subplots(figsize=(3, 1))
        ax.text(0.5, 0.5, "no misclassified examples", ha="center", va="center")
        ax.axis("off")
        return fig
    ncols = min(ncols, wrong.size)
    nrows = -(-wrong.size // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(1.5 * ncols, 1.75 * nrows), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, i in zip(axes.flat, wrong, strict=False):
        ax.imshow(X[:, i].reshape(shape), cmap="gray_r", interpolation="nearest")
        ax.set_title(f"true {y_true[i]}, pred {y_pred[i]}", fontsize=9)
    fig.tight_layout()
    return fig
