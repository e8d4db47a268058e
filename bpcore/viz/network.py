"""Figures of a network and its numbers (chapters 0–3), in matplotlib.

The encoding follows the book everywhere:

- nodes stand in columns, one per layer l = 0..L (a⁽⁰⁾ = x on the left);
- an edge from unit k of layer l−1 to unit j of layer l is the weight
  W⁽ˡ⁾[j, k]: **red = positive, blue = negative, width = abs(w)**;
- values written on nodes (a⁽ˡ⁾, z⁽ˡ⁾, δ⁽ˡ⁾, ...) are coloured with the same
  diverging map (red > 0, blue < 0, white ≈ 0), so the colour intensity is
  the magnitude.

Figures carry no Chinese characters (CJK fonts are often missing): labels are
symbols in mathtext, e.g. ``r"$\\delta^{(2)}$"``; Chinese goes in captions.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import TwoSlopeNorm

from .style import (
    CMAP,
    CURRENT,
    DONE,
    HIGHLIGHT,
    NEGATIVE,
    PENDING,
    POSITIVE,
    fmt,
    log_axis,
    symmetric_limit,
)


def _positions(sizes: Sequence[int]) -> list[np.ndarray]:
    """y coordinates of the units of each layer, centred on 0, spacing 1."""
    return [(n - 1) / 2 - np.arange(n) for n in sizes]


def _column(values) -> np.ndarray:
    v = np.asarray(values, dtype=float)
    if v.ndim == 2:
        if v.shape[1] != 1:
            raise ValueError(
                f"node values must be one example (a vector of length n_l or "
                f"an (n_l, 1) column), got shape {v.shape}: pick a column, e.g. delta[l][:, 0]"
            )
        v = v[:, 0]
    return v


def draw_network(net, ax=None, *, node_values: Mapping[int, Sequence[float]] | None = None,
                 node_labels: Mapping[int, Sequence[str]] | None = None,
                 highlight_layer: int | None = None, edge_layer: int | None = None,
                 vmax: float | None = None, layer_titles: Mapping[int, str] | None = None,
                 node_size: float | None = None, fontsize: float = 7.5,
                 show_weights: bool = True, title: str | None = None):
    """Draw ``net`` (layers l = 0..L as columns) and return the Axes.

    Edges: red = positive weight, blue = negative, width ∝ abs(w).

    ``node_values``
        {l: vector of length n_l}: numbers written on the units of layer l
        (e.g. ``{2: grads.delta[2][:, 0]}`` for δ⁽²⁾ of the first example),
        coloured red > 0 / blue < 0, intensity = abs(value) / vmax. Layers
        not in the dict are drawn white.
    ``node_labels``
        {l: strings}: replace the printed text of layer l's units (the colour
        still comes from node_values), e.g. two lines "z=…\\na=…". Units of
        layers with more than 10 units get no text, only colour.
    ``highlight_layer``
        l whose column gets a yellow background (the active layer).
    ``edge_layer``
        l whose weight matrix W⁽ˡ⁾ (edges between layers l−1 and l) is
        emphasised; the other edges fade.
    ``vmax``
        abs(value) that maps to full colour; default: the largest abs(value)
        in node_values (pass one vmax to compare figures).
    ``layer_titles``
        {l: mathtext}: a label above a column, e.g. ``r"$\\delta^{(2)}$"``.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(1.3 * net.L + 2.2, 0.55 * max(net.sizes) + 1.4))
    sizes, L = net.sizes, net.L
    ys = _positions(sizes)
    node_values = {l: _column(v) for l, v in (node_values or {}).items()}
    for l, v in node_values.items():
        if not 0 <= l <= L or v.shape != (sizes[l],):
            units = sizes[l] if 0 <= l <= L else "no"
            raise ValueError(f"node_values[{l}] has {v.shape} values, layer {l} has {units} units")
    vmax = symmetric_limit(node_values.values()) if vmax is None else symmetric_limit([vmax])
    norm = TwoSlopeNorm(vcenter=0.0, vmin=-vmax, vmax=vmax)
    cmap = plt.get_cmap(CMAP)
    ns = node_size or (1500 if max(sizes) <= 5 else 1100 if max(sizes) <= 8 else 500)

    if highlight_layer is not None:
        ax.axvspan(highlight_layer - 0.32, highlight_layer + 0.32, color=HIGHLIGHT, zorder=0)
    if show_weights:
        wmax = symmetric_limit(net.W.values())
        for l in range(1, L + 1):
            W = net.W[l]
            strong = edge_layer is None or edge_layer == l
            jj, kk = np.meshgrid(np.arange(sizes[l]), np.arange(sizes[l - 1]), indexing="ij")
            segs = [[(l - 1, ys[l - 1][k]), (l, ys[l][j])]
                    for j, k in zip(jj.ravel(), kk.ravel(), strict=True)]
            w = W.ravel()
            ax.add_collection(LineCollection(
                segs, colors=np.where(w >= 0, POSITIVE, NEGATIVE),
                linewidths=0.4 + (3.6 if strong else 2.0) * np.abs(w) / wmax,
                alpha=0.75 if edge_layer is None else (0.95 if strong else 0.12),
                zorder=1 + strong, capstyle="round"))
    for l in range(L + 1):
        v = node_values.get(l)
        faces = cmap(norm(v)) if v is not None else ["white"] * sizes[l]
        active = l == highlight_layer
        ax.scatter(np.full(sizes[l], l), ys[l], s=ns, c=faces, zorder=3,
                   edgecolors="black", linewidths=2.0 if active else 0.8)
        texts = None
        if node_labels and l in node_labels:
            texts = list(node_labels[l])
        elif v is not None:
            texts = [fmt(x) for x in v]
        if texts is not None and sizes[l] <= 10:
            for j, t in enumerate(texts):
                dark = v is not None and abs(v[j]) > 0.6 * vmax
                ax.text(l, ys[l][j], t, ha="center", va="center", zorder=4,
                        fontsize=fontsize, color="white" if dark else "black")
    top = max(len(y) for y in ys) / 2
    for l in range(L + 1):
        ax.text(l, -top - 0.15, f"l = {l}", ha="center", va="top", fontsize=fontsize + 1,
                fontstyle="italic", fontweight="bold" if l == highlight_layer else "normal")
        if layer_titles and l in layer_titles:
            ax.text(l, top + 0.1, layer_titles[l], ha="center", va="bottom", fontsize=fontsize + 2)
    ax.set_xlim(-0.55, L + 0.55)
    ax.set_ylim(-top - 0.75, top + 0.65)
    ax.axis("off")
    if title:
        ax.set_title(title, fontsize=fontsize + 3)
    return ax


def draw_delta_norms(norms: Mapping[int, float], ax=None, *, current: int | None = None,
                     log: bool | None = None, ylim: tuple[float, float] | None = None,
                     fontsize: float = 8.0):
    """Bar chart of ‖δ⁽ˡ⁾‖ for l = 1..L and return the Axes.

    ``current`` is the layer being computed: its bar is dark, the layers above
    it (already computed, l > current) mid-tone, the ones below (still to
    come) pale. ``log`` uses a log axis (default: when the bars span more than
    a factor 100); pass the same ``ylim`` to compare two networks.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(2.6, 2.4))
    ls = sorted(norms)
    vals = np.array([norms[l] for l in ls], dtype=float)
    if log is None:
        pos = vals[vals > 0]
        log = pos.size > 0 and pos.max() / pos.min() > 100
    colours = []
    for l in ls:
        if current is None or l > current:
            colours.append(DONE)
        elif l == current:
            colours.append(CURRENT)
        else:
            colours.append(PENDING)
    ax.bar(ls, vals, color=colours, edgecolor="black", linewidth=0.6)
    if log:
        log_axis(ax)
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.set_xticks(ls)
    ax.set_xlabel("$l$", fontsize=fontsize + 1)
    ax.set_ylabel(r"$\Vert\delta^{(l)}\Vert$", fontsize=fontsize + 1)
    ax.tick_params(labelsize=fontsize)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_delta_norms(norms: Mapping[str, Mapping[int, float]], ax=None, *, fontsize: float = 9.0):
    """‖δ⁽ˡ⁾‖ against l, one line per network (log scale), returned as Axes.

    ``norms`` maps a legend label (mathtext or ASCII, no Chinese) to {l: ‖δ⁽ˡ⁾‖},
    e.g. the ``.norms`` of a :func:`bpcore.widgets.layers.delta_compare`. Read it from
    right to left: that is the direction in which δ travels.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(5.2, 3.0))
    markers = "osD^v"
    for i, (name, d) in enumerate(norms.items()):
        ls = sorted(d)
        ax.plot(ls, [d[l] for l in ls], marker=markers[i % len(markers)], label=name)
        ax.set_xticks(ls)
    log_axis(ax)
    ax.set_xlabel("layer $l$", fontsize=fontsize)
    ax.set_ylabel(r"$\Vert\delta^{(l)}\Vert$", fontsize=fontsize)
    ax.tick_params(labelsize=fontsize - 1)
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=fontsize - 1, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax

