"""The book's numbered equations, one place for their numbers and LaTeX.

Chapters label these equations in MyST (``$$ ... $$ (eq-delta-l)``) and cite
them with {eq}`eq-delta-l`; slider panels, which live in widgets outside
Sphinx, print the same number and formula from here. A test of the built
book checks that Sphinx numbers each label as this table does.
:func:`loss_label` and :func:`delta_label` pick the equation a computation
uses, so a panel and the chapter cite the same one.
"""
from . import losses

EQUATIONS: dict[str, tuple[str, str]] = {
    # chapter 1: step 1, forward propagation and the loss
    "eq-forward-z": ("1.1", r"z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}"),
    "eq-forward-a": ("1.2", r"a^{(l)} = \sigma_l\big(z^{(l)}\big)"),
    "eq-loss-mse": ("1.3", r"J = \frac{1}{m}\sum_{i=1}^{m} \tfrac{1}{2}\,"
                           r"\lVert \hat{y}_i - y_i \rVert^2"),
    "eq-loss-ce": ("1.4", r"J = -\frac{1}{m}\sum_{i=1}^{m}\sum_{k=1}^{K}"
                          r" y_{ki} \log \hat{y}_{ki}"),
    # chapter 2: step 2, the output-layer error
    "eq-delta-out": ("2.1", r"\delta^{(L)} = \frac{\partial J}{\partial \hat{y}}"
                            r" \odot \sigma_L'\big(z^{(L)}\big)"),
    "eq-delta-out-softmax": ("2.2", r"\delta^{(L)} = \frac{1}{m}\big(\hat{y} - y\big)"),
    # chapter 3: step 3, back-propagating the error
    "eq-delta-l": ("3.1", r"\delta^{(l)} = \big(W^{(l+1)}\big)^{\mathsf{T}} \delta^{(l+1)}"
                          r" \odot \sigma_l'\big(z^{(l)}\big)"),
    # chapter 4: step 4, parameter gradients
    "eq-grad-W": ("4.1", r"\frac{\partial J}{\partial W^{(l)}}"
                         r" = \delta^{(l)} \big(a^{(l-1)}\big)^{\mathsf{T}}"),
    "eq-grad-b": ("4.2", r"\frac{\partial J}{\partial b^{(l)}}"
                         r" = \sum_{i=1}^{m} \delta^{(l)}_{:,i}"),
    # chapter 5: step 5, the update
    "eq-update-W": ("5.1", r"W^{(l)} \leftarrow W^{(l)}"
                           r" - \eta\, \frac{\partial J}{\partial W^{(l)}}"),
    "eq-update-b": ("5.2", r"b^{(l)} \leftarrow b^{(l)}"
                           r" - \eta\, \frac{\partial J}{\partial b^{(l)}}"),
}


def number(label: str) -> str:
    """The equation number the book prints for ``label``, e.g. "3.1"."""
    return EQUATIONS[label][0]


def latex(label: str) -> str:
    """The LaTeX of the equation ``label`` (without delimiters)."""
    return EQUATIONS[label][1]


def loss_label(loss: str) -> str:
    """The label of J for ``loss``: "eq-loss-mse" or "eq-loss-ce"."""
    return losses.get(loss).equation


def delta_label(l: int, L: int, loss: str) -> str:
    """The label of the equation that gives δ⁽ˡ⁾: step 3 (3.1) below the
    output layer; at l = L step 2, in its general form (2.1) or, where the
    loss has a closed form with its output activation, (ŷ − y)/m (2.2)."""
    closed_form = losses.get(loss).delta is not None
    if l < L:
        return "eq-delta-l"
    return "eq-delta-out-softmax" if closed_form else "eq-delta-out"
