"""The JavaScript twin (bpcore/widgets/live/bp-live.js) does bpcore's maths,
number for number: in Chromium, bpLive.train and bp.train start from the same
network (Network.to_json) on the same data and must agree on every loss of
200 full-batch epochs and on every final parameter to a relative 1e-10, and
one step's z[l], a[l], delta[l], dW[l], db[l] must agree with bp.forward and
bp.backward. Bad input to the JS API throws an Error that names the problem,
in bpcore's words.

The module is loaded in a minimal page of its own (served from a temporary
folder), so this test does not need the built book. Without Chromium it is
skipped, except under CI=true (conftest.py's ``browser`` fixture).
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

import bpcore as bp
from tools.chromium import serve

TWIN = Path(bp.__file__).parent / "widgets" / "live" / "bp-live.js"
PAGE = """<!doctype html><meta charset="utf-8"><title>bp-live</title>
<script type="module">import * as bpLive from "./bp-live.js"; window.bpLive = bpLive;</script>"""
EPOCHS = 200
RTOL = 1e-10

# Trains the page's twin; args are train's own, plus "step" for the one step
# checked by test_one_step_*: the trace and gradients of the first forward and
# backward pass, every Mat as rows.
TRAIN_JS = """args => {
  const rows = d => Object.fromEntries(Object.entries(d).map(([l, M]) => [l, bpLive.toRows(M)]));
  const net = bpLive.makeNetwork(args);
  const trace = bpLive.forward(net, args.X);
  const grads = bpLive.backward(net, trace, args.Y, args.loss);
  const step = {z: rows(trace.z), a: rows(trace.a), delta: rows(grads.delta),
                dW: rows(grads.dW), db: rows(grads.db)};
  const {loss, W, b, stop} = bpLive.train(args);
  return {loss, W, b, stop, step};
}"""


@pytest.fixture(scope="module")
def page(browser, tmp_path_factory):
    """One page with window.bpLive, for the whole module."""
    folder = tmp_path_factory.mktemp("live")
    shutil.copy(TWIN, folder / TWIN.name)
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    httpd, base = serve(folder)
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "index.html")
    page.wait_for_function("window.bpLive !== undefined", timeout=10_000)
    yield page
    assert not errors, f"uncaught errors in the page: {errors}"
    context.close()
    httpd.shutdown()
    httpd.server_close()


def _spirals():
    X, y = bp.spirals(200, n_classes=2, seed=0)
    return X, bp.one_hot(y, 2), y


def _digits():
    d = bp.digits(seed=0)
    return d.X_train, d.Y_train, d.y_train


def _regression():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((3, 50))
    return X, np.stack([np.sin(X[0]) + X[1] * X[2], X[0] - X[2] ** 2]), None


# name: (sizes, activations, loss, lr, data). The JS gets the integer labels
# instead of one-hot Y where data gives them (its cross_entropy accepts both).
CASES = {
    "xor 2-4-1 sigmoid mse": ([2, 4, 1], "sigmoid", "mse", 2.0, lambda: (*bp.xor(), None)),
    # η = 0.3, not 0.5: at 0.5 this run turns unstable near epoch 150 (J jumps from 0.18 to
    # 0.34), and there bpcore against itself, one weight moved by one ulp, differs by 3e-4.
    "spirals 2-8-8-2 tanh softmax ce": ([2, 8, 8, 2], ["tanh", "tanh", "softmax"],
                                        "cross_entropy", 0.3, _spirals),
    "digits 64-32-10 tanh softmax ce": ([64, 32, 10], ["tanh", "softmax"], "cross_entropy",
                                        0.5, _digits),
    "regression 3-6-5-2 relu identity mse": ([3, 6, 5, 2], ["relu", "relu", "identity"], "mse",
                                             0.05, _regression),
}


@pytest.fixture(scope="module", params=list(CASES))
def run(request, page):
    """Both trainings of one case: (bpcore's net after training, its
    history, its first step's trace and gradients, the twin's result)."""
    sizes, activations, loss, lr, data = CASES[request.param]
    X, Y, labels = data()
    net = bp.Network(sizes, activations, seed=0)
    args = {**json.loads(net.to_json()), "X": X.tolist(),
            "Y": Y.tolist() if labels is None else labels.tolist(),
            "loss": loss, "lr": lr, "epochs": EPOCHS}
    twin = page.evaluate(TRAIN_JS, args)
    trace = bp.forward(net, X)
    grads = bp.backward(net, trace, Y, loss)
    history = bp.train(net, X, Y, loss=loss, lr=lr, epochs=EPOCHS)
    return net, history, trace, grads, twin


def close(actual, expected, what):
    """actual == expected to a relative 1e-10, entry by entry. atol is 1e-12
    of the array's largest entry: an entry that is a sum with cancellation
    (a gradient near 0) carries the rounding of its terms, ~1e-16 of their
    size, which the relative test alone would hold against it."""
    expected = np.asarray(expected, dtype=float)
    actual = np.asarray(actual, dtype=float).reshape(expected.shape)
    np.testing.assert_allclose(actual, expected, rtol=RTOL,
                               atol=1e-12 * np.abs(expected).max(), err_msg=what)


def test_every_loss_agrees(run):
    _, history, _, _, twin = run
    assert twin["stop"] == history.stop == "epochs"
    assert len(twin["loss"]) == len(history.loss) == EPOCHS
    np.testing.assert_allclose(twin["loss"], history.loss, rtol=RTOL, atol=0)
    assert history.loss[-1] < 0.9 * history.loss[0]          # it did train


def test_final_parameters_agree(run):
    net, _, _, _, twin = run
    for l in range(1, net.L + 1):
        close(twin["W"][str(l)], net.W[l], f"W[{l}]")
        close(twin["b"][str(l)], net.b[l], f"b[{l}]")


def test_one_step_agrees(run):
    net, _, trace, grads, twin = run
    step = twin["step"]
    assert step["a"]["0"] == trace.a[0].tolist()             # the data crossed over exactly
    for l in range(1, net.L + 1):
        for name, ours in (("z", trace.z), ("a", trace.a), ("delta", grads.delta),
                           ("dW", grads.dW), ("db", grads.db)):
            close(step[name][str(l)], ours[l], f"{name}[{l}]")


def test_divergence_stops_where_bpcore_stops(page):
    """η too large: both stop before the update whose J is inf, with the same losses."""
    X, Y = bp.xor()
    net = bp.Network([2, 3, 1], ["tanh", "identity"], seed=0)
    twin = page.evaluate(TRAIN_JS, {**json.loads(net.to_json()), "X": X.tolist(),
                                    "Y": Y.tolist(), "loss": "mse", "lr": 10.0, "epochs": 500})
    with pytest.warns(bp.DivergenceWarning):
        history = bp.train(net, X, Y, loss="mse", lr=10.0, epochs=500)
    assert twin["stop"] == history.stop == "diverged"
    assert len(twin["loss"]) == len(history.loss) < 500
    # float(): Playwright hands a whole-valued double such as 1e300 over as a Python int
    np.testing.assert_allclose([float(J) for J in twin["loss"]], history.loss, rtol=RTOL, atol=0)


# --------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------
XOR_NET = json.loads(bp.Network([2, 4, 1], "sigmoid", seed=0).to_json())
XOR = {**XOR_NET, "X": bp.xor()[0].tolist(), "Y": bp.xor()[1].tolist(), "loss": "mse",
       "lr": 0.5, "epochs": 3}


def thrown(page, js: str, arg) -> str:
    """The message of the Error that ``js`` (a function of arg) throws in the page."""
    from playwright.sync_api import Error

    with pytest.raises(Error) as e:
        page.evaluate(js, arg)
    m = re.search(r"Error: (.*)", str(e.value))
    assert m, str(e.value)
    return m.group(1)


TRAIN = "args => bpLive.train(args)"
BAD_TRAIN = {
    "X transposed": ({"X": np.array(XOR["X"]).T.tolist()},
                     ["X has shape (4, 2)", "layer 1 expects 2 rows", "transposed"]),
    "NaN in X": ({"X": [[0, float("nan"), 1, 1], [0, 1, 0, 1]]},
                 ["X contains 1 NaN or inf", "index (0, 1)"]),
    "X 1-D": ({"X": [0, 1, 0, 1]}, ["X must be 2-D", "one column per example"]),
    "ragged X": ({"X": [[0, 1, 0, 1], [0, 1, 0]]}, ["X must be 2-D", "row 1 has 3"]),
    "Y wrong shape": ({"Y": [[0, 1], [1, 0]]},
                      ["Y has shape (2, 2)", "ŷ of shape (1, 4)", "4 examples"]),
    "W wrong shape": ({"W": {**XOR_NET["W"], "2": [[1.0]] * 4}},
                      ["W[2] has shape (4, 1)", "must be (1, 4)", "transposed"]),
    "b wrong length": ({"b": {**XOR_NET["b"], "1": [0.0, 0.0]}},
                       ["b[1] has shape (2, 1)", "4 numbers"]),
    "W missing a layer": ({"W": {"1": XOR_NET["W"]["1"]}}, ["W must be an object keyed by "
                                                           "the layers 1..2"]),
    "size 0": ({"sizes": [2, 0, 1]}, ["layer 1 has size 0"]),
    "unknown activation": ({"activations": ["sigmoid", "sigmod"]},
                           ["unknown activation 'sigmod'", "'relu'"]),
    "softmax hidden": ({"activations": ["softmax", "softmax"]},
                       ["softmax is for the output layer only"]),
    "lr 0": ({"lr": 0}, ["learning rate lr must be a number > 0, got 0"]),
    "lr < 0": ({"lr": -0.5}, ["learning rate lr must be a number > 0, got -0.5"]),
    "lr NaN": ({"lr": float("nan")}, ["learning rate lr must be a number > 0, got NaN"]),
    "lr text": ({"lr": "0.1"}, ["learning rate lr must be a number > 0, got '0.1'"]),
    "unknown loss": ({"loss": "hinge"}, ["unknown loss 'hinge'", "'mse' or 'cross_entropy'"]),
    "ce on sigmoid": ({"loss": "cross_entropy"}, ["needs a softmax output layer"]),
    "epochs 0": ({"epochs": 0}, ["epochs must be a whole number ≥ 1, got 0"]),
    "epochs 2.5": ({"epochs": 2.5}, ["epochs must be a whole number ≥ 1, got 2.5"]),
}


@pytest.mark.parametrize("change", list(BAD_TRAIN))
def test_bad_input_to_train_names_the_problem(page, change):
    fields, words = BAD_TRAIN[change]
    message = thrown(page, TRAIN, {**XOR, **fields})
    for w in words:
        assert w in message, f"{change}: {w!r} not in {message!r}"


def test_bad_input_to_the_steps_names_the_problem(page):
    """The step functions check their arguments too (bpcore's check=True)."""
    net = "bpLive.makeNetwork(args.net)"
    cases = {
        f"a => {{ const net = {net}; bpLive.forward(net, [[1, 2, 3]]); }}":
            "X has shape (1, 3) but layer 1 expects 2 rows",
        f"a => {{ const net = {net}; const t = bpLive.forward(net, a.X); "
        "bpLive.backward(net, t, [[1, 0]], 'mse'); }":
            "Y has shape (1, 2) but the output layer 2 gives ŷ of shape (1, 4)",
        f"a => {{ const net = {net}; const t = bpLive.forward(net, a.X); "
        "bpLive.update(net, bpLive.backward(net, t, a.Y), -1); }":
            "the learning rate lr must be a number > 0, got -1",
        f"a => {{ const net = {net}; bpLive.lossValue(net, bpLive.forward(net, a.X), a.Y, "
        "'mae'); }":
            "unknown loss 'mae'",
        "a => bpLive.initNetwork([2, 3, 3], ['tanh', 'softmax'], 1.5)":
            "seed must be a whole number, got 1.5",
        "a => bpLive.train({sizes: [2, 3], activations: 'softmax', W: {1: [[0, 0], [0, 0], "
        "[0, 0]]}, b: {1: [0, 0, 0]}, X: a.X, Y: [0, 3, 1, 2], loss: 'cross_entropy'})":
            "label 3 is outside the classes 0..2",
    }
    for js, words in cases.items():
        message = thrown(page, js.replace("args.net", "a.net"), {**XOR, "net": XOR_NET})
        assert words in message, f"{js}: {words!r} not in {message!r}"


@pytest.mark.parametrize("fields, python", [
    ({"activations": ["sigmoid", "sigmod"]},
     lambda: bp.Network([2, 4, 1], ["sigmoid", "sigmod"])),
    ({"activations": ["softmax", "softmax"]},
     lambda: bp.Network([2, 4, 1], ["softmax", "softmax"])),
    ({"sizes": [2, 0, 1]}, lambda: bp.Network([2, 0, 1])),
    ({"loss": "hinge"}, lambda: bp.train(bp.Network([2, 4, 1]), *bp.xor(), loss="hinge")),
    ({"loss": "cross_entropy"},
     lambda: bp.train(bp.Network([2, 4, 1]), *bp.xor(), loss="cross_entropy")),
    ({"X": [[0, float("nan"), 1, 1], [0, 1, 0, 1]]},
     lambda: bp.train(bp.Network([2, 4, 1]), [[0, np.nan, 1, 1], [0, 1, 0, 1]], bp.xor()[1])),
    ({"epochs": 0}, lambda: bp.train(bp.Network([2, 4, 1]), *bp.xor(), epochs=0)),
])
def test_messages_are_bpcores(page, fields, python):
    """Where bpcore says it in the same words, so does the twin."""
    with pytest.raises(ValueError) as e:
        python()
    assert thrown(page, TRAIN, {**XOR, **fields}) == str(e.value)


def test_classes_and_accuracy(page):
    """predictClasses is bp.classes of ŷ: argmax with several outputs, ŷ ≥ ½ with one."""
    X, y = bp.spirals(60, n_classes=3, seed=1)
    for sizes, acts in (([2, 5, 3], ["tanh", "softmax"]), ([2, 5, 1], "sigmoid")):
        net = bp.Network(sizes, acts, seed=2)
        net.b[net.L][:] = np.linspace(-0.4, 0.4, sizes[-1]).reshape(-1, 1)  # no ties at ½
        labels = y if sizes[-1] > 1 else (y > 0).astype(int)
        got = page.evaluate("""a => { const net = bpLive.makeNetwork(a.net);
            return [bpLive.predictClasses(net, a.X), bpLive.accuracy(net, a.X, a.y)]; }""",
                            {"net": json.loads(net.to_json()), "X": X.tolist(),
                             "y": labels.tolist()})
        expected = bp.predict_classes(net, X)
        assert got[0] == expected.tolist()
        assert got[1] == pytest.approx(np.mean(expected == labels), abs=0)


def test_init_network_scales_like_bpcore(page):
    """initNetwork: seeded, biases 0, W[l] with bpcore's standard deviations
    (He √(2/n_0) for the relu layer, Glorot √(2/(n_1+n_2)) for tanh)."""
    plain = page.evaluate("""() => [7, 7, 8].map(seed => bpLive.toPlain(
        bpLive.initNetwork([300, 100, 50], ['relu', 'tanh'], seed)))""")
    assert plain[0] == plain[1] and plain[0]["W"] != plain[2]["W"]
    W1, W2 = np.array(plain[0]["W"]["1"]), np.array(plain[0]["W"]["2"])
    assert W1.shape == (100, 300) and W2.shape == (50, 100)
    assert not any(any(b) for b in plain[0]["b"].values())
    assert abs(W1.mean()) < 0.01 and abs(W2.mean()) < 0.01
    assert W1.std() == pytest.approx(np.sqrt(2 / 300), rel=0.03)
    assert W2.std() == pytest.approx(np.sqrt(2 / 150), rel=0.03)
    back = bp.Network.from_json(json.dumps(plain[0]))          # toPlain is to_json's format
    assert back.activations == ["relu", "tanh"] and back.sizes == [300, 100, 50]
