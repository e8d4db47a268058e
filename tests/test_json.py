"""Network.to_json / Network.from_json: the format the page's JavaScript twin
(bpcore/widgets/live/bp-live.js) reads and writes — exact round trips, and a
ValueError naming what is wrong with a bad document."""
import json

import numpy as np
import pytest

import bpcore as bp


def params(net):
    return [net.W[l] for l in range(1, net.L + 1)] + [net.b[l] for l in range(1, net.L + 1)]


@pytest.fixture
def doc():
    """A valid document (as a dict) of a 2-3-2 tanh/softmax network."""
    return json.loads(bp.Network([2, 3, 2], ["tanh", "softmax"], seed=0).to_json())


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_round_trip_is_exact(dtype):
    net = bp.Network([3, 5, 4, 2], ["relu", "tanh", "softmax"], seed=1, dtype=dtype)
    net.b[1][:] = np.linspace(-1, 1, 5).reshape(-1, 1) / 3     # non-zero, non-dyadic biases
    back = bp.Network.from_json(net.to_json())
    assert back.sizes == net.sizes and back.activations == net.activations
    assert back.dtype == np.float64                             # JSON numbers are doubles
    for P, Q in zip(params(net), params(back), strict=True):
        assert Q.dtype == np.float64 and np.array_equal(P.astype(np.float64), Q)


def test_fields_are_those_of_the_twin():
    net = bp.Network([2, 4, 1], "sigmoid", seed=0)
    data = json.loads(net.to_json())
    assert set(data) == {"sizes", "activations", "W", "b"}
    assert data["sizes"] == [2, 4, 1] and data["activations"] == ["sigmoid", "sigmoid"]
    assert set(data["W"]) == set(data["b"]) == {"1", "2"}       # JSON keys are strings
    assert np.array_equal(np.array(data["W"]["2"]), net.W[2])   # n_2 rows of n_1 numbers
    assert data["b"]["1"] == net.b[1].ravel().tolist()          # n_1 numbers, not a column


def test_to_json_refuses_nan():
    net = bp.Network([2, 2, 1], seed=0)
    net.W[2][0, 1] = np.nan
    with pytest.raises(ValueError, match=r"W\[2\] contains NaN or inf, which JSON cannot"):
        net.to_json()


def test_from_json_accepts_ten_layers_and_b_as_columns():
    net = bp.Network([2] * 12, "tanh", seed=0)          # keys "1".."11": not in text order
    data = json.loads(net.to_json())
    data["b"] = {k: [[v] for v in b] for k, b in data["b"].items()}
    back = bp.Network.from_json(json.dumps(data))
    assert all(np.array_equal(P, Q) for P, Q in zip(params(net), params(back), strict=True))


@pytest.mark.parametrize("change, words", [
    (lambda d: "{not json", r"not a network in JSON"),
    (lambda d: [1, 2], r"an object with the fields sizes, activations, W and b, not list"),
    (lambda d: {k: v for k, v in d.items() if k != "b"}, r"lacks the field\(s\) \['b'\]"),
    (lambda d: {**d, "sizes": [2]}, r"sizes must list at least the input and the output"),
    (lambda d: {**d, "sizes": [2, 0, 2]}, r"layer 1 has size 0"),
    (lambda d: {**d, "sizes": [2, 4, 2]}, r"W\[1\] has shape \(3, 2\) but layer 0 has 2 units "
                                          r"and layer 1 has 4 \(sizes=\[2, 4, 2\]\)"),
    (lambda d: {**d, "activations": ["tanh", "softmx"]}, r"unknown activation 'softmx'"),
    (lambda d: {**d, "activations": 3}, r"activations must be a list of names"),
    (lambda d: {**d, "activations": ["softmax", "softmax"]}, r"softmax is for the output layer"),
    (lambda d: {**d, "W": {"1": d["W"]["1"]}}, r"W must be an object keyed by the layers "
                                               r"\"1\"..\"2\" .*got \['1'\]"),
    (lambda d: {**d, "b": [d["b"]["1"], d["b"]["2"]]}, r"b must be an object keyed by the layers"),
    (lambda d: {**d, "W": {**d["W"], "2": [[1.0, 2.0, 3.0], [4.0, 5.0]]}},
     r"W\[2\] must be 2 lists \(rows\) of 3 numbers each"),
    (lambda d: {**d, "W": {**d["W"], "1": [["a", 1.0]] * 3}}, r"W\[1\] must be 3 lists"),
    (lambda d: {**d, "b": {**d["b"], "2": "zero"}}, r"b\[2\] must be a list of 2 numbers"),
    (lambda d: {**d, "W": {**d["W"], "2": np.array(d["W"]["2"]).T.tolist()}},
     r"W\[2\] has shape \(3, 2\) .* must be \(2, 3\) — did you mean W\[2\]\.T\?"),
    (lambda d: {**d, "b": {**d["b"], "1": [0.0, 0.0]}},
     r"b\[1\] has shape \(2,\): it must hold 3 numbers"),
])
def test_from_json_says_what_is_wrong(doc, change, words):
    bad = change(doc)
    with pytest.raises(ValueError, match=words):
        bp.Network.from_json(bad if isinstance(bad, str) else json.dumps(bad))


def test_from_json_refuses_nan(doc):
    doc["W"]["1"][0][0] = float("nan")                          # json.dumps writes NaN
    with pytest.raises(ValueError, match=r"W\[1\] contains NaN or inf"):
        bp.Network.from_json(json.dumps(doc))
