"""The network: weights W⁽ˡ⁾, biases b⁽ˡ⁾ and activations σ_l, l = 1..L.

W[l] has shape (n_l, n_{l−1}) and b[l] shape (n_l, 1), so that
z⁽ˡ⁾ = W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾ works on a batch whose columns are examples.
"""
from __future__ import annotations

import json
import numbers
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from . import activations as act


def _sizes(sizes) -> list[int]:
    sizes = list(sizes)
    if len(sizes) < 2:
        raise ValueError(
            f"sizes must list at least the input and the output layer, e.g. "
            f"[2, 4, 1]; got {sizes!r}"
        )
    for l, n in enumerate(sizes):
        if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
            raise ValueError(
                f"layer {l} has size {n!r}: every layer needs a whole number "
                f"≥ 1 of units (sizes={sizes!r})"
            )
    return [int(n) for n in sizes]


def _activations(names, L: int) -> dict[int, act.Activation]:
    if isinstance(names, str):
        names = [names] * L
    names = list(names)
    if len(names) != L:
        raise ValueError(
            f"got {len(names)} activation(s) {names!r} for {L} layer(s): give "
            f"one name per layer 1..{L}, or a single name for every layer"
        )
    sigma = {l: act.get(name) for l, name in enumerate(names, start=1)}
    for l in range(1, L):
        if sigma[l].name == "softmax":
            raise ValueError(
                f"softmax is for the output layer only, but layer {l} of {L} "
                f"uses it: choose 'sigmoid', 'tanh', 'relu' or 'identity'"
            )
    return sigma


class Network:
    """A fully connected network with layer sizes n_0, n_1, ..., n_L.

    ``Network([2, 4, 1], activations=["tanh", "sigmoid"], seed=0)`` draws
    W⁽ˡ⁾ with Glorot/Xavier scaling (sigmoid, tanh, identity, softmax) or He
    scaling (relu) from ``np.random.default_rng(seed)``; biases start at 0.
    ``activations`` is one name per layer 1..L, or one name for every layer.
    """

    def __init__(self, sizes: Sequence[int], activations="sigmoid",
                 seed: int | None = None, dtype=np.float64):
        self.sizes = _sizes(sizes)
        self.L = len(self.sizes) - 1
        self.sigma = _activations(activations, self.L)
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float32, np.float64):
            raise ValueError(f"dtype must be float64 or float32, got {self.dtype}")
        rng = np.random.default_rng(seed)
        self.W: dict[int, np.ndarray] = {}
        self.b: dict[int, np.ndarray] = {}
        for l in range(1, self.L + 1):
            n_in, n_out = self.sizes[l - 1], self.sizes[l]
            if self.sigma[l].init == "he":
                std = np.sqrt(2.0 / n_in)
            else:
                std = np.sqrt(2.0 / (n_in + n_out))
            self.W[l] = (std * rng.standard_normal((n_out, n_in))).astype(self.dtype)
            self.b[l] = np.zeros((n_out, 1), dtype=self.dtype)

    @classmethod
    def from_params(cls, W: dict, b: dict, activations="sigmoid") -> Network:
        """A network with the given W[l] (n_l, n_{l−1}) and b[l] (n_l, 1) for
        l = 1..L; b[l] may also be 1-D of length n_l. The dtype (float64 or
        float32) is taken from W[1]; the arrays are copied."""
        W, b = dict(W), dict(b)
        L = len(W)
        if L == 0 or sorted(W) != list(range(1, L + 1)):
            raise ValueError(
                f"W must be a dict keyed by the layers 1..L, got keys {sorted(W)!r}"
            )
        if sorted(b) != sorted(W):
            raise ValueError(f"b has keys {sorted(b)!r} but W has {sorted(W)!r}: "
                             f"give one b[l] per W[l]")
        W1 = np.asarray(W[1])
        dtype = W1.dtype if W1.dtype in (np.float32, np.float64) else np.float64
        Ws = {l: np.array(W[l], dtype=dtype) for l in W}
        bs = {l: np.array(b[l], dtype=dtype) for l in b}
        for l in range(1, L + 1):
            if Ws[l].ndim != 2 or 0 in Ws[l].shape:
                raise ValueError(f"W[{l}] must be a non-empty 2-D matrix (n_{l}, n_{l-1}), "
                                 f"got shape {Ws[l].shape}")
            if bs[l].ndim == 1:
                bs[l] = bs[l].reshape(-1, 1)
            if bs[l].ndim != 2 or bs[l].shape[1] != 1 or bs[l].shape[0] == 0:
                raise ValueError(f"b[{l}] has shape {np.shape(b[l])}: it must be a column "
                                 f"(n_{l}, 1), one bias per unit of layer {l}")
            if bs[l].shape[0] not in Ws[l].shape:
                raise ValueError(
                    f"b[{l}] has shape {np.shape(b[l])} but W[{l}] has shape {Ws[l].shape}, "
                    f"whose {Ws[l].shape[0]} rows are the units of layer {l}: b[{l}] "
                    f"must be ({Ws[l].shape[0]}, 1)")
        # The widths n_1..n_L come from the biases, n_0 from W[1] (its
        # columns, or its rows when W[1] is the transpose of (n_1, n_0)).
        sizes = [Ws[1].shape[1]] + [bs[l].shape[0] for l in range(1, L + 1)]
        if Ws[1].shape[0] != sizes[1] and Ws[1].shape[1] == sizes[1]:
            sizes[0] = Ws[1].shape[0]
        for l in range(1, L + 1):
            expected = (sizes[l], sizes[l - 1])
            if Ws[l].shape != expected:
                hint = f" — did you mean W[{l}].T?" if Ws[l].shape == expected[::-1] else ""
                raise ValueError(
                    f"W[{l}] has shape {Ws[l].shape} but layer {l - 1} has {sizes[l - 1]} "
                    f"units and layer {l} has {sizes[l]} (the rows of b[{l}]), so "
                    f"W[{l}] must be {expected}{hint}")
            for name, A in ((f"W[{l}]", Ws[l]), (f"b[{l}]", bs[l])):
                if not np.isfinite(A).all():
                    raise ValueError(f"{name} contains NaN or inf: parameters must be finite")
        net = cls.__new__(cls)
        net.sizes, net.L, net.dtype = sizes, L, np.dtype(dtype)
        net.sigma = _activations(activations, L)
        net.W, net.b = Ws, bs
        return net

    @property
    def activations(self) -> list[str]:
        """The activation names of layers 1..L."""
        return [self.sigma[l].name for l in range(1, self.L + 1)]

    def copy(self) -> Network:
        """An independent copy (same parameters, same activations)."""
        return Network.from_params(self.W, self.b, self.activations)

    def save(self, path) -> Path:
        """Save the architecture and parameters to an ``.npz`` file."""
        arrays = {"sizes": np.array(self.sizes), "activations": np.array(self.activations)}
        for l in range(1, self.L + 1):
            arrays[f"W{l}"], arrays[f"b{l}"] = self.W[l], self.b[l]
        path = Path(path)
        np.savez(path, **arrays)
        return path if path.suffix == ".npz" else path.with_name(path.name + ".npz")

    @classmethod
    def load(cls, path) -> Network:
        """Load a network saved by :meth:`save` (no pickles are loaded)."""
        try:
            f = np.load(path, allow_pickle=False)
        except (ValueError, EOFError, zipfile.BadZipFile) as e:
            raise ValueError(f"{path} is not a readable bpcore network file (damaged, "
                             f"or not an .npz): save the network again with net.save") from e
        with f:
            keys = set(f.files)
            if not {"sizes", "activations"} <= keys:
                raise ValueError(f"{path} is not a saved bpcore network "
                                 f"(no 'sizes' or 'activations' in it)")
            sizes = [int(n) for n in f["sizes"]]
            L = len(sizes) - 1
            missing = [k for l in range(1, L + 1) for k in (f"W{l}", f"b{l}") if k not in keys]
            if missing:
                raise ValueError(f"{path} lacks the arrays {missing}: the file is incomplete")
            net = cls.from_params({l: f[f"W{l}"] for l in range(1, L + 1)},
                                  {l: f[f"b{l}"] for l in range(1, L + 1)},
                                  [str(s) for s in f["activations"]])
        if net.sizes != sizes:
            raise ValueError(f"{path}: the stored sizes do not match the stored weights")
        return net

    def to_json(self) -> str:
        """The network as JSON text, the fields the page's JavaScript twin
        (bp-live.js) reads: ``{"sizes": [n_0, ..., n_L], "activations": [one
        name per layer 1..L], "W": {"l": n_l rows of n_{l−1} numbers}, "b":
        {"l": n_l numbers}}``. Every float is written exactly (shortest
        round-trip repr), so :meth:`from_json` gives back the same numbers;
        a float32 network comes back as float64 with the same values."""
        for l in range(1, self.L + 1):
            for name, A in ((f"W[{l}]", self.W[l]), (f"b[{l}]", self.b[l])):
                if not np.isfinite(A).all():
                    raise ValueError(f"{name} contains NaN or inf, which JSON cannot hold: "
                                     f"train with a smaller learning rate or reinitialise")
        return json.dumps({
            "sizes": self.sizes,
            "activations": self.activations,
            "W": {str(l): self.W[l].tolist() for l in range(1, self.L + 1)},
            "b": {str(l): self.b[l].ravel().tolist() for l in range(1, self.L + 1)},
        })

    @classmethod
    def from_json(cls, text: str) -> Network:
        """The network written by :meth:`to_json` (or by the twin's
        ``toPlain``), checked as :meth:`from_params` checks its arguments."""
        try:
            data = json.loads(text)
        except (TypeError, json.JSONDecodeError) as e:
            raise ValueError(f"not a network in JSON: {e}") from None
        if not isinstance(data, dict):
            raise ValueError(f"a network in JSON is an object with the fields sizes, "
                             f"activations, W and b, not {type(data).__name__}")
        missing = [k for k in ("sizes", "activations", "W", "b") if k not in data]
        if missing:
            raise ValueError(f"the network's JSON lacks the field(s) {missing}: it needs "
                             f"sizes, activations, W and b")
        sizes = _sizes(data["sizes"])
        L = len(sizes) - 1
        if not isinstance(data["activations"], (str, list)):
            raise ValueError(f"activations must be a list of names, one per layer 1..{L}, "
                             f"got {data['activations']!r}")
        layers = {}
        for name in ("W", "b"):
            d = data[name]
            if not isinstance(d, dict) or set(d) != {str(l) for l in range(1, L + 1)}:
                raise ValueError(f"{name} must be an object keyed by the layers \"1\"..\"{L}\" "
                                 f"(sizes={sizes}), got {list(d) if isinstance(d, dict) else d!r}")
            layers[name] = {}
            for l in range(1, L + 1):
                try:
                    layers[name][l] = np.array(d[str(l)], dtype=np.float64)
                except (TypeError, ValueError):
                    what = (f"{sizes[l]} lists (rows) of {sizes[l - 1]} numbers each"
                            if name == "W" else f"a list of {sizes[l]} numbers")
                    raise ValueError(f"{name}[{l}] must be {what}") from None
        for l in range(1, L + 1):
            W, b, expected = layers["W"][l], layers["b"][l], (sizes[l], sizes[l - 1])
            if W.shape != expected:
                hint = f" — did you mean W[{l}].T?" if W.shape == expected[::-1] else ""
                raise ValueError(f"W[{l}] has shape {W.shape} but layer {l - 1} has "
                                 f"{sizes[l - 1]} units and layer {l} has {sizes[l]} "
                                 f"(sizes={sizes}), so W[{l}] must be {expected}{hint}")
            if b.shape not in ((sizes[l],), (sizes[l], 1)):
                raise ValueError(f"b[{l}] has shape {b.shape}: it must hold {sizes[l]} numbers, "
                                 f"one bias per unit of layer {l} (sizes={sizes})")
        return cls.from_params(layers["W"], layers["b"], data["activations"])

    def __repr__(self) -> str:
        lines = [f"Network(sizes={self.sizes}, activations={self.activations}, "
                 f"dtype={self.dtype.name})"]
        for l in range(1, self.L + 1):
            lines.append(f"  layer {l}: W[{l}] {self.W[l].shape}, b[{l}] "
                         f"{self.b[l].shape}, {self.sigma[l].name}")
        return "\n".join(lines)
