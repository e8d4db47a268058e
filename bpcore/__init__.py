"""bpcore: forward propagation and backpropagation in five steps, in numpy.

The code of the book: every chapter imports it. Names follow the text —
``W[l]``, ``b[l]``, ``z[l]``, ``a[l]``, ``delta[l]``, ``dW[l]``, ``db[l]`` are
W⁽ˡ⁾, b⁽ˡ⁾, z⁽ˡ⁾, a⁽ˡ⁾, δ⁽ˡ⁾, ∂J/∂W⁽ˡ⁾, ∂J/∂b⁽ˡ⁾, and a batch has one
example per column. The submodules ``bpcore.activations`` (σ and σ′),
``bpcore.losses`` (J and ∂J/∂ŷ) and ``bpcore.equations`` are public too.
"""
from . import activations, equations, losses
from .activations import ACTIVATIONS, Activation
from .data import digits, moons, one_hot, spirals, split, xor
from .gradcheck import gradcheck, numerical_grads, relative_error
from .losses import LOSSES
from .network import Network
from .steps import (Gradients, Trace, backprop_deltas, backward, forward,
                    loss_value, output_delta, param_grads, update)
from .train import DivergenceWarning, History, Snapshot, train

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS", "Activation", "LOSSES", "Network",
    "forward", "loss_value", "output_delta", "backprop_deltas", "param_grads",
    "backward", "update", "Trace", "Gradients",
    "train", "History", "Snapshot", "DivergenceWarning",
    "gradcheck", "numerical_grads", "relative_error",
    "xor", "moons", "spirals", "digits", "split", "one_hot",
]
