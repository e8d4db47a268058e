"""The book's equations written out with the numbers of one example.

Each function returns the equation as groups of terms (HTML pieces of
:mod:`bpcore.widgets.html`): the slider panels put the groups on one row,
the classroom explorer puts each group on its own row, so that a projector's
large type does not wrap inside a term. The numbers are the ones ``forward``
and ``backward`` computed; the factors shown beside them (σ′(z⁽ˡ⁾),
(W⁽ˡ⁺¹⁾)ᵀδ⁽ˡ⁺¹⁾, ∂J/∂ŷ) come from the same activation and loss functions
the steps use.
"""
from __future__ import annotations

from .. import losses
from ..viz.style import layer, sub, sup
from . import html as P

Groups = list[list[str]]


def forward_terms(net, trace, l: int, i: int) -> Groups:
    """W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾ = z⁽ˡ⁾ (1.1), then z⁽ˡ⁾ → a⁽ˡ⁾ = σ_l(z⁽ˡ⁾) (1.2)."""
    z, a, name = trace.z[l][:, i], trace.a[l][:, i], net.sigma[l].name
    return [[P.matrix(net.W[l], layer("W", l)), P.vector(trace.a[l - 1][:, i], layer("a", l - 1)),
             P.op("+"), P.vector(net.b[l][:, 0], layer("b", l)), P.op("="),
             P.vector(z, layer("z", l))],
            [P.op("→"), P.vector(a, f"{layer('a', l)} = {name}({layer('z', l)})")]]


def delta_terms(net, trace, delta, Y, loss: str, l: int, i: int) -> Groups:
    """δ⁽ˡ⁾ with its factors: (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾ ⊙ σ_l′(z⁽ˡ⁾) for l < L (3.1);
    at l = L, ∂J/∂ŷ ⊙ σ_L′(z⁽ᴸ⁾) (2.1) or (ŷ − y)/m (2.2)."""
    L, d = net.L, delta[l][:, i]
    if l < L:
        W, dn = net.W[l + 1], delta[l + 1][:, i]
        Wt, dnl = f"({layer('W', l + 1)}){sup('T')}", layer("δ", l + 1)
        sp = net.sigma[l].df(trace.z[l], trace.a[l])[:, i]
        return [[P.matrix(W.T, Wt), P.vector(dn, dnl), P.op("="), P.vector(W.T @ dn, Wt + dnl)],
                [P.op("⊙"), P.vector(sp, f"σ{sub(l)}′({layer('z', l)})"), P.op("="),
                 P.vector(d, layer("δ", l))]]
    J = losses.get(loss)
    if J.delta is not None:
        return [[P.op(f"(1/m = 1/{Y.shape[1]}) × ("), P.vector(trace.a[L][:, i], "ŷ"), P.op("−"),
                 P.vector(Y[:, i], "y"), P.op(") ="), P.vector(d, layer("δ", L))]]
    dJ = J.grad(Y, trace.a[L])[:, i]
    sp = net.sigma[L].df(trace.z[L], trace.a[L])[:, i]
    return [[P.vector(dJ, "∂J/∂ŷ = (ŷ − y)/m"), P.op("⊙"),
             P.vector(sp, f"σ{sub(L)}′({layer('z', L)})"), P.op("="), P.vector(d, layer("δ", L))]]


def one_row(groups: Groups) -> str:
    """Every group on one row (it wraps on narrow screens)."""
    return P.row(*(t for g in groups for t in g))


def row_each(groups: Groups) -> list[str]:
    """One row per group."""
    return [P.row(*g) for g in groups]
