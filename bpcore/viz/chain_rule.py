"""Computational graphs (appendix A): forward values on the nodes, local
derivatives and backward gradients ∂J/∂· on the edges.

A computational graph draws every intermediate quantity as a node and
every "is computed from" as an edge. Forward propagation walks the edges left
to right; backpropagation walks them right to left, multiplying the gradient
that arrives by the edge's local derivative (the chain rule).

Figures carry no Chinese characters (CJK fonts are often missing): labels
are mathtext; Chinese goes in captions.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from .. import losses
from .style import LEAF, NODE, RULE, fmt
from .style import MUTED as LOCAL  # local derivative, above an edge
from .style import POSITIVE as BACKWARD  # gradient ∂J/∂· travelling back, below an edge


def draw_graph(nodes: Mapping[str, tuple[float, float, str]],
               edges: Sequence[tuple[str, str, str, str]], ax=None, *,
               leaves: Sequence[str] = (), fontsize: float = 10.0, offset: float = 0.22):
    """Draw a computational graph and return the Axes.

    ``nodes`` maps a name to ``(x, y, text)`` (mathtext, may have two lines).
    ``edges`` are ``(src, dst, local, grad)``: a black arrow src → dst (the
    forward direction), ``local`` (e.g. ∂z/∂w) written above it in grey and
    ``grad`` (the gradient ∂J/∂src sent back along the edge) below it in red,
    next to a red arrow pointing back to src. Either text may be "".
    ``leaves`` (inputs and parameters) get a paler face.
    """
    if ax is None:
        xs = [x for x, _, _ in nodes.values()]
        ys = [y for _, y, _ in nodes.values()]
        _, ax = plt.subplots(figsize=(1.6 * (max(xs) - min(xs)) + 2.0,
                                      1.6 * (max(ys) - min(ys)) + 1.6))
    boxes = {}
    for name, (x, y, text) in nodes.items():
        face = LEAF if name in leaves else NODE
        t = ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, zorder=3,
                    bbox=dict(boxstyle="round,pad=0.45", fc=face, ec=RULE, lw=1.0))
        boxes[name] = t
    xs = [x for x, _, _ in nodes.values()]
    ys = [y for _, y, _ in nodes.values()]
    ax.set_xlim(min(xs) - 0.7, max(xs) + 0.7)
    ax.set_ylim(min(ys) - 0.8, max(ys) + 0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    # Each arrow runs between the edges of its two boxes, in data coordinates
    # (a figure saved at another dpi keeps them): the boxes' sizes need one
    # draw, with the limits and aspect above already set.
    ax.figure.canvas.draw()
    to_data = ax.transData.inverted()
    box_half = {name: np.abs(np.diff(to_data.transform(t.get_bbox_patch().get_window_extent()),
                                 axis=0)[0]) / 2 for name, t in boxes.items()}

    def edge(name, toward):
        """Where the segment from node ``name`` toward a point leaves its box."""
        c = np.array(nodes[name][:2], dtype=float)
        d = np.asarray(toward, dtype=float) - c
        scale = min(h / abs(v) for h, v in zip(box_half[name], d, strict=True) if v)
        return c + d * scale

    for src, dst, local, grad in edges:
        (x0, y0, _), (x1, y1, _) = nodes[src], nodes[dst]
        ax.annotate("", xy=edge(dst, (x0, y0)), xytext=edge(src, (x1, y1)), zorder=2,
                    arrowprops=dict(arrowstyle="-|>", color="black", lw=1.2,
                                    shrinkA=1, shrinkB=1.5))
        d = np.array([x1 - x0, y1 - y0], dtype=float)
        u = d / np.linalg.norm(d)
        n = np.array([-u[1], u[0]])          # left of the forward direction ("above")
        if n[1] < 0:
            n = -n
        mid = np.array([x0, y0]) + d / 2
        angle = float(np.degrees(np.arctan2(u[1], u[0])))
        steep = abs(u[0]) < 0.5              # near-vertical: keep the text horizontal
        rot = dict(rotation=0) if steep else dict(rotation=angle, rotation_mode="anchor")

        def label(p, text, colour, side, steep=steep, rot=rot):
            ha = ("left" if side[0] > 0 else "right") if steep else "center"
            ax.text(*p, text, ha=ha, va="center", color=colour, fontsize=fontsize - 1,
                    zorder=4, **rot)

        if local:
            label(mid + offset * n, local, LOCAL, n)
        if grad:
            half = 0.16 * np.linalg.norm(d) * u
            ax.annotate("", xy=mid - 0.8 * offset * n - half, xytext=mid - 0.8 * offset * n + half,
                        arrowprops=dict(arrowstyle="-|>", color=BACKWARD, lw=1.0), zorder=2)
            label(mid - (1.3 if steep else 2.0) * offset * n, grad, BACKWARD, -n)
    return ax


def neuron_values(net, trace, grads, Y) -> dict[str, float]:
    """The numbers of the one-neuron graph x, w, b → z → a → J, read from
    bpcore's own results for a 1-1 network on one example (m = 1) with the
    mean squared error J = ½(a − y)².

    Forward: x, w, b, z, a, y, J. Local derivatives: da_dz = σ′(z),
    dJ_da = a − y. Backward (from ``grads``): dJ_dz = δ⁽¹⁾, dJ_dw = ∂J/∂W⁽¹⁾,
    dJ_db = ∂J/∂b⁽¹⁾, and dJ_dx = (W⁽¹⁾)ᵀδ⁽¹⁾ (what step 3 would pass on).
    """
    if net.sizes != [1, 1] or trace.a[0].shape != (1, 1):
        raise ValueError(
            f"neuron_values needs a 1-1 network (sizes [1, 1]) and one example "
            f"(X of shape (1, 1)); got sizes {net.sizes} and X of shape {trace.a[0].shape}")
    Y = np.asarray(Y, dtype=float).reshape(1, 1)
    z, a = trace.z[1], trace.a[1]
    v = {"x": trace.a[0], "w": net.W[1], "b": net.b[1], "z": z, "a": a, "y": Y,
         "J": losses.mse(Y, a),
         "da_dz": net.sigma[1].df(z, a), "dJ_da": losses.mse_grad(Y, a),
         "dJ_dz": grads.delta[1], "dJ_dw": grads.dW[1], "dJ_db": grads.db[1],
         "dJ_dx": net.W[1].T @ grads.delta[1]}
    return {k: float(np.asarray(x).reshape(-1)[0]) for k, x in v.items()}


def neuron_graph(values: Mapping[str, float], ax=None, *, sigma: str = r"\sigma",
                 fontsize: float = 10.0):
    """The graph of one neuron with a loss, numbers from :func:`neuron_values`:
    x, w, b → z = wx + b → a = σ(z) → J = ½(a − y)², forward values in the
    nodes, local derivatives above and gradients ∂J/∂· below each edge."""
    v = {k: fmt(x, 4) for k, x in values.items()}
    nodes = {
        "x": (0.0, 2.4, f"$x$\n{v['x']}"),
        "w": (0.0, 0.0, f"$w$\n{v['w']}"),
        "b": (0.0, -2.4, f"$b$\n{v['b']}"),
        "z": (4.2, 0.0, f"$z = wx + b$\n{v['z']}"),
        "a": (8.4, 0.0, f"$a = {sigma}(z)$\n{v['a']}"),
        "y": (12.3, 2.2, f"$y$\n{v['y']}"),
        "J": (12.3, 0.0, r"$J = \frac{1}{2}(a - y)^2$" + f"\n{v['J']}"),
    }
    edges = [
        ("x", "z", rf"$\partial z/\partial x = w = {v['w']}$",
         rf"$\partial J/\partial x = {v['dJ_dx']}$"),
        ("w", "z", rf"$\partial z/\partial w = x = {v['x']}$",
         rf"$\partial J/\partial w = {v['dJ_dw']}$"),
        ("b", "z", r"$\partial z/\partial b = 1$", rf"$\partial J/\partial b = {v['dJ_db']}$"),
        ("z", "a", rf"$\partial a/\partial z = {sigma}'(z) = {v['da_dz']}$",
         rf"$\partial J/\partial z = \delta = {v['dJ_dz']}$"),
        ("a", "J", r"$\partial J/\partial a = a - y$", rf"$\partial J/\partial a = {v['dJ_da']}$"),
        ("y", "J", "", ""),
    ]
    if ax is None:
        _, ax = plt.subplots(figsize=(10.5, 5.0))
    return draw_graph(nodes, edges, ax, leaves=("x", "w", "b", "y"), fontsize=fontsize)


def layer_graph(L: int = 2, ax=None, *, fontsize: float = 10.0):
    """The graph of an L-layer network in matrix form (symbols only):
    a⁽ˡ⁻¹⁾, W⁽ˡ⁾, b⁽ˡ⁾ → z⁽ˡ⁾ → a⁽ˡ⁾ → … → J, with the Jacobian-vector
    products backpropagation sends along each edge: δ⁽ˡ⁾, (W⁽ˡ⁾)ᵀδ⁽ˡ⁾,
    δ⁽ˡ⁾(a⁽ˡ⁻¹⁾)ᵀ and Σ δ⁽ˡ⁾ (steps 2–4)."""
    if L < 1:
        raise ValueError(f"L must be ≥ 1, got {L}")
    step = 3.2
    nodes = {"a0": (0.0, 0.0, r"$a^{(0)} = x$")}
    edges = []
    for l in range(1, L + 1):
        xz, xa = (2 * l - 1) * step, 2 * l * step
        nodes[f"W{l}"] = (xz, 1.9, f"$W^{{({l})}}$")
        nodes[f"b{l}"] = (xz, -1.9, f"$b^{{({l})}}$")
        nodes[f"z{l}"] = (xz, 0.0, f"$z^{{({l})}}$")
        a_text = rf"$\hat{{y}} = a^{{({l})}}$" if l == L else f"$a^{{({l})}}$"
        nodes[f"a{l}"] = (xa, 0.0, a_text)
        back = "" if l == 1 else rf"$(W^{{({l})}})^T\delta^{{({l})}}$"
        edges += [
            (f"a{l - 1}", f"z{l}", f"$W^{{({l})}}$", back),
            (f"W{l}", f"z{l}", "", rf"$\delta^{{({l})}}a^{{({l - 1})T}}$"),
            (f"b{l}", f"z{l}", "", rf"$\Sigma_i\,\delta^{{({l})}}_{{:,i}}$"),
            (f"z{l}", f"a{l}", rf"$\sigma_{{{l}}}'(z^{{({l})}})$", rf"$\delta^{{({l})}}$"),
        ]
    nodes["J"] = ((2 * L + 1) * step, 0.0, "$J$")
    edges.append((f"a{L}", "J", "", r"$\partial J/\partial\hat{y}$"))
    if ax is None:
        _, ax = plt.subplots(figsize=(0.62 * (2 * L + 1) * step + 1.2, 3.8))
    leaves = ["a0"] + [f"{p}{l}" for l in range(1, L + 1) for p in "Wb"]
    return draw_graph(nodes, edges, ax, leaves=leaves, fontsize=fontsize)
