"""bpcore: forward propagation and backpropagation in five steps, in numpy.

The code of the book: every chapter imports it. Names follow the text —
``W[l]``, ``b[l]``, ``z[l]``, ``a[l]``, ``delta[l]``, ``dW[l]``, ``db[l]`` are
W⁽ˡ⁾, b⁽ˡ⁾, z⁽ˡ⁾, a⁽ˡ⁾, δ⁽ˡ⁾, ∂J/∂W⁽ˡ⁾, ∂J/∂b⁽ˡ⁾, and a batch has one
example per column. The submodules ``bpcore.activations`` (σ and σ′),
``bpcore.losses`` (J and ∂J/∂ŷ), ``bpcore.equations`` and ``bpcore.i18n``
(the words widgets and glued sentences print, Chinese or English:
``bp.set_language("en")`` in a live kernel) are public too.

This package is the maths and needs only numpy. Figures live in
``bpcore.viz`` (matplotlib) and kernel-free widgets in ``bpcore.widgets``
(ipywidgets); the chapters' hidden cells use ``bpcore.notebook``.
"""
from . import activations, equations, i18n, losses
from .activations import ACTIVATIONS, Activation
from .data import (
    RunningExample,
    classes,
    digits,
    moons,
    one_hot,
    running_example,
    spirals,
    split,
    xor,
)
from .gradcheck import (
    BUG,
    FINE,
    GradcheckReport,
    gradcheck,
    gradcheck_report,
    numerical_grads,
    relative_error,
)
from .i18n import set_language
from .losses import LOSSES, Loss
from .network import Network
from .steps import (
    Gradients,
    Trace,
    backprop_deltas,
    backward,
    forward,
    loss_value,
    output_delta,
    param_grads,
    update,
)
from .train import DivergenceWarning, History, Snapshot, Stop, predict_classes, train

__version__ = "0.1.0"

__all__ = [
    "activations", "equations", "losses", "i18n", "set_language",
    "ACTIVATIONS", "Activation", "LOSSES", "Loss", "Network",
    "forward", "loss_value", "output_delta", "backprop_deltas", "param_grads",
    "backward", "update", "Trace", "Gradients",
    "train", "History", "Snapshot", "Stop", "DivergenceWarning", "predict_classes",
    "gradcheck", "gradcheck_report", "GradcheckReport", "numerical_grads", "relative_error",
    "FINE", "BUG",
    "xor", "moons", "spirals", "digits", "split", "one_hot", "classes",
    "running_example", "RunningExample",
]
