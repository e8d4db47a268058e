"""The playground's configuration (chapter 7): what its URL hash holds,
read and written here exactly as ``playground.js`` reads and writes it, so a
chapter can compute with bpcore what a link opens in the page::

    data:spirals&net:2-8-8-1&act:tanh&loss:mse&lr:3&batch:all&seed:0&speed:10&i:1

``net`` is the layer sizes n_0-n_1-…-n_L; ``act`` the hidden layers'
activation (the output layer's follows from the loss: sigmoid with "mse",
softmax with "cross_entropy"); ``batch`` "all" or a mini-batch size; ``speed``
the iterations per frame; ``i`` the example (1..m) whose numbers the page
writes out; ``pts`` the reader's own points (data "custom"), ``x,y,class``
joined by ";". Keys and values are joined by ":", not "=": the book's slider
script (_static/bp-sliders.js) reads every ``name=<whole number>`` in a hash
as a slider position and drops those of sliders the page does not have.

The page's initial parameters are bpcore's: ``Network(sizes, activations,
seed)`` draws W⁽ˡ⁾ = std · N(0, 1) for l = 1..L from one stream of
``np.random.default_rng(seed)``, whatever the sizes, so the page receives the
first :data:`MAX_WEIGHTS` numbers of each seed's stream (:func:`normals`) and
scales them as bpcore does. Full-batch training in the page then repeats
``bp.train`` number for number.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from ...data import circles, moons, one_hot, spirals, xor
from ...network import Network
from ...train import train

# The page's choices (its controls offer exactly these).
DATASETS = {                         # name -> () -> X (2, m), labels (m,) in {0, 1}
    "xor": lambda: (xor()[0], xor()[1][0].astype(np.int64)),
    "moons": lambda: moons(m=200, noise=0.2, seed=0),
    "spirals": lambda: spirals(m=200, n_classes=2, noise=0.2, seed=0),
    "circles": lambda: circles(m=200, noise=0.1, seed=0),
}
CUSTOM = "custom"                    # the reader's points, clicked onto the plane
MAX_HIDDEN, MAX_WIDTH = 3, 8         # hidden layers 0..3, each 1..8 units wide
HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu")
OUTPUT = {"mse": "sigmoid", "cross_entropy": "softmax"}   # loss -> output activation
N_OUT = {"mse": 1, "cross_entropy": 2}                    # two classes: ŷ or (ŷ₀, ŷ₁)
BATCHES = (1, 2, 4, 8, 16, 32, 64)   # mini-batch sizes; None = the whole set
SPEEDS = (1, 2, 5, 10, 20, 50, 100)  # iterations per frame
SEEDS = 20                           # seeds 0..19
KEYS = ("data", "net", "act", "loss", "lr", "batch", "seed", "speed", "i", "pts")  # of a hash
# W⁽¹⁾..W⁽ᴸ⁾ of the largest network, 2-8-8-8-2: the numbers one seed must supply
MAX_WEIGHTS = 2 * MAX_WIDTH + (MAX_HIDDEN - 1) * MAX_WIDTH ** 2 + MAX_WIDTH * 2


def _choice(key: str, value, allowed) -> None:
    if value not in allowed:
        use = (f"a whole number {allowed.start}..{allowed.stop - 1}" if isinstance(allowed, range)
               else f"one of {', '.join(map(str, allowed))}")
        raise ValueError(f"{key}:{value} is not a choice of the playground: use {use}")


@dataclass(frozen=True)
class Setup:
    """One configuration of the playground (see the module's docstring)."""

    data: str = "spirals"
    hidden: tuple[int, ...] = (8, 8)           # n_1..n_{L-1}
    activation: str = "tanh"                   # σ_1..σ_{L-1}
    loss: str = "mse"
    lr: float = 1.0                            # η
    batch: int | None = None                   # None: full batch
    seed: int = 0
    speed: int = 10
    example: int = 1                           # i, 1-based
    points: tuple[tuple[float, float, int], ...] = ()   # data "custom": (x₁, x₂, class)

    def __post_init__(self):
        _choice("data", self.data, [*DATASETS, CUSTOM])
        if len(self.hidden) > MAX_HIDDEN or any(n not in range(1, MAX_WIDTH + 1)
                                                for n in self.hidden):
            raise ValueError(f"hidden layers {list(self.hidden)}: the playground has 0 to "
                             f"{MAX_HIDDEN} hidden layers of 1 to {MAX_WIDTH} units")
        _choice("act", self.activation, HIDDEN_ACTIVATIONS)
        _choice("loss", self.loss, list(OUTPUT))
        if not (isinstance(self.lr, float | int) and math.isfinite(self.lr) and self.lr > 0):
            raise ValueError(f"lr:{self.lr} — the learning rate η must be a number > 0")
        if self.batch is not None:
            _choice("batch", self.batch, BATCHES)
        _choice("seed", self.seed, range(SEEDS))
        _choice("speed", self.speed, SPEEDS)
        if self.data != CUSTOM and self.points:
            raise ValueError(f"pts: own points go with data:custom, not data:{self.data}")
        for x1, x2, c in self.points:
            if not (math.isfinite(x1) and math.isfinite(x2) and c in (0, 1)):
                raise ValueError(f"pts: the point {x1},{x2},{c} needs finite x₁, x₂ "
                                 f"and class 0 or 1")
        m = len(self.examples()[2])
        if m and not 1 <= self.example <= m:
            raise ValueError(f"i:{self.example} — the example i must lie in 1..{m} "
                             f"(the data set has m = {m} examples)")

    @property
    def sizes(self) -> list[int]:
        """n_0, n_1, ..., n_L."""
        return [2, *self.hidden, N_OUT[self.loss]]

    @property
    def activations(self) -> list[str]:
        """σ_1, ..., σ_L."""
        return [self.activation] * len(self.hidden) + [OUTPUT[self.loss]]

    def network(self) -> Network:
        """The page's initial network: bpcore's, from the same seed."""
        return Network(self.sizes, self.activations, seed=self.seed)

    def examples(self):
        """X (2, m), Y (n_L, m) and the labels (m,): the page's data set."""
        if self.data == CUSTOM:
            X = np.array([[p[0] for p in self.points], [p[1] for p in self.points]],
                         dtype=float).reshape(2, -1)
            labels = np.array([p[2] for p in self.points], dtype=np.int64)
        else:
            X, labels = DATASETS[self.data]()
        Y = labels[None, :].astype(float) if self.loss == "mse" else one_hot(labels, 2)
        return X, Y, labels

    def train(self, epochs: int):
        """(net, history): :meth:`network` trained by ``bp.train`` on
        :meth:`examples` for ``epochs`` epochs, as the page trains it. With
        full batches the page repeats it number for number; mini-batches are
        shuffled by bpcore here and by the page's own generator there."""
        net = self.network()
        X, Y, _ = self.examples()
        return net, train(net, X, Y, self.loss, lr=self.lr, epochs=epochs,
                          batch_size=self.batch, seed=self.seed)

    def replace(self, **changes) -> Setup:
        """A copy with some fields changed (checked again)."""
        return dataclasses.replace(self, **changes)

    def __str__(self) -> str:
        parts = {"data": self.data, "net": "-".join(map(str, self.sizes)),
                 "act": self.activation, "loss": self.loss, "lr": _number(self.lr),
                 "batch": "all" if self.batch is None else str(self.batch),
                 "seed": str(self.seed), "speed": str(self.speed), "i": str(self.example)}
        if self.points:
            parts["pts"] = ";".join(f"{_number(x1)},{_number(x2)},{c}"
                                    for x1, x2, c in self.points)
        return "&".join(f"{k}:{v}" for k, v in parts.items())


def _number(v: float) -> str:
    """v as JavaScript's String(v) writes it for the page's values: 3, 0.5."""
    s = repr(float(v))
    return s[:-2] if s.endswith(".0") else s


def _int(key: str, text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{key}:{text} — {key} must be a whole number") from None


def parse(text: str) -> Setup:
    """The :class:`Setup` of a hash such as ``"data:xor&net:2-2-1&lr:8"``
    (a leading "#" is ignored); a key left out keeps its default."""
    fields = {}
    for part in filter(None, text.lstrip("#").split("&")):
        key, sep, value = part.partition(":")
        if not sep:
            raise ValueError(f"{part!r} is not key:value — write e.g. lr:0.5")
        if key == "data":
            fields["data"] = value
        elif key == "net":
            sizes = [_int("net", n) for n in value.split("-")]
            if len(sizes) < 2 or sizes[0] != 2:
                raise ValueError(f"net:{value} — the sizes run from 2 inputs to the "
                                 f"output, e.g. net:2-8-8-1")
            fields["hidden"] = tuple(sizes[1:-1])
            fields["n_out"] = sizes[-1]
        elif key == "act":
            fields["activation"] = value
        elif key == "loss":
            fields["loss"] = value
        elif key == "lr":
            try:
                fields["lr"] = float(value)
            except ValueError:
                raise ValueError(f"lr:{value} — the learning rate must be a number") from None
        elif key == "batch":
            fields["batch"] = None if value == "all" else _int("batch", value)
        elif key in ("seed", "speed"):
            fields[key] = _int(key, value)
        elif key == "i":
            fields["example"] = _int("i", value)
        elif key == "pts":
            points = []
            for p in filter(None, value.split(";")):
                try:
                    x1, x2, c = p.split(",")
                    points.append((float(x1), float(x2), int(c)))
                except ValueError:
                    raise ValueError(f"pts: {p!r} is not x₁,x₂,class") from None
            fields["points"] = tuple(points)
        else:
            raise ValueError(f"unknown key {key!r}: the playground's keys are "
                             f"{', '.join(KEYS)}")
    n_out = fields.pop("n_out", None)
    setup = Setup(**fields)
    if n_out is not None and n_out != N_OUT[setup.loss]:
        raise ValueError(f"net ends in {n_out} unit(s), but loss:{setup.loss} needs "
                         f"{N_OUT[setup.loss]} output unit(s)")
    return setup


def normals(seed: int) -> np.ndarray:
    """The first :data:`MAX_WEIGHTS` numbers that ``Network(..., seed=seed)``
    scales into W⁽¹⁾, W⁽²⁾, … (row by row, layer after layer)."""
    return np.random.default_rng(seed).standard_normal(MAX_WEIGHTS)
