"""bpcore.training_widgets (chapter 5): η comparison, epoch replay, live trainer.

No browser here: the tests check the jslinks exist and join the right
traits, and that the numbers each panel carries (and draws) are those of the
training history.
"""
import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from bpcore.training_widgets import epoch_replay, live_trainer, lr_comparison  # noqa: E402
from conftest import CJK, assert_links  # noqa: E402

import bpcore as bp  # noqa: E402

SIZES, ACTS = [2, 5, 1], ["tanh", "identity"]


@pytest.fixture(scope="module")
def data():
    X, y = bp.moons(m=60, noise=0.2, seed=1)
    return X, y.reshape(1, -1).astype(float), y


def new_net():
    return bp.Network(SIZES, activations=ACTS, seed=0)


@pytest.fixture(scope="module")
def runs(data):
    X, Y, _ = data
    out = {}
    for lr in (0.02, 0.5, 3.0):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", bp.DivergenceWarning)
            out[lr] = bp.train(new_net(), X, Y, "mse", lr=lr, epochs=200)
    return out


def test_lr_runs_cover_the_three_cases(runs):
    assert runs[0.5].loss[-1] < runs[0.02].loss[-1]
    assert runs[3.0].stop == "diverged" and all(np.isfinite(runs[3.0].loss))


def test_lr_comparison_panels_match_histories(runs, figure_texts):
    s = lr_comparison(runs)
    assert_links(s, 3)
    assert s.lrs == [0.02, 0.5, 3.0]
    for k, lr in enumerate(s.lrs):
        h = runs[lr]
        assert s.values[k] == {"lr": lr, "final_J": h.loss[-1], "epochs": h.epochs, "stop": h.stop}
        html = s.panel_html(k)
        assert f'data-lr="{lr:g}"' in html and f"η = {lr:g}" in html
        assert f"共 {h.epochs} 轮" in html
    # the highlighted η is named in each panel's figure title
    titles = [[t for t in texts if t.startswith("$\\eta")] for texts in figure_texts]
    assert all(any(f"{lr:g}" in t for t in ts) for ts, lr in zip(titles, s.lrs))
    assert "diverged in epoch" in " ".join(figure_texts[2])


def test_lr_comparison_needs_runs():
    with pytest.raises(ValueError, match="empty"):
        lr_comparison({})


@pytest.fixture(scope="module")
def replay_run(data):
    X, Y, y = data
    net = new_net()
    h = bp.train(net, X, Y, "mse", lr=0.5, epochs=40, snapshot_every=10)
    return net, h


def test_epoch_replay_panels_match_history(data, replay_run, figure_texts):
    X, Y, y = data
    net, h = replay_run
    s = epoch_replay(net, h, X, Y)
    assert_links(s, 5)
    assert s.epochs == [0, 10, 20, 30, 40] == [snap.epoch for snap in h.snapshots]
    assert s.layers == s.epochs
    for k, (e, J) in enumerate(zip(s.epochs, s.J)):
        if e < h.epochs:      # J after e epochs is what train recorded in epoch e + 1
            assert np.isclose(J, h.loss[e], rtol=1e-12)
        assert s.values[k]["epoch"] == e and s.values[k]["J"] == J
        assert f'data-epoch="{e}"' in s.panel_html(k)
    # the last panel is the trained network itself
    assert np.isclose(s.J[-1], bp.loss_value(net, bp.forward(net, X), Y, "mse"))
    assert np.allclose(s.nets[-1].W[1], net.W[1])
    # accuracy of each snapshot, recomputed independently
    for n, a in zip(s.nets, s.accuracy):
        assert a == np.mean((bp.forward(n, X).y_hat[0] >= 0.5) == y)
    assert len(figure_texts) == 5


def test_epoch_replay_marker_moves_with_the_epoch(data, replay_run, figure_texts):
    X, Y, _ = data
    net, h = replay_run
    s = epoch_replay(net, h, X, Y)
    xs = [m[0] for m in s.markers]
    assert xs == [float(e) for e in s.epochs]
    assert all(a < b for a, b in zip(xs, xs[1:]))                  # strictly to the right
    assert all(np.isclose(m[1], J) for m, J in zip(s.markers, s.J))
    assert [f'data-marker-x="{x:g}"' in s.panel_html(k) for k, x in enumerate(xs)] == [True] * 5
    # the figure title of each panel names its epoch
    for e, texts in zip(s.epochs, figure_texts):
        assert any(t.startswith(f"$e = {e}$") for t in texts), texts


def test_epoch_replay_needs_snapshots(data):
    X, Y, _ = data
    h = bp.train(new_net(), X, Y, "mse", lr=0.5, epochs=3)
    with pytest.raises(ValueError, match="snapshot_every"):
        epoch_replay(new_net(), h, X, Y)


def test_no_cjk_in_figures(runs, data, replay_run, figure_texts):
    X, Y, _ = data
    lr_comparison(runs)
    epoch_replay(*replay_run, X, Y)
    lt = live_trainer(new_net(), X, Y, epochs=4, redraw_every=2)
    lt.button.click()
    texts = [t for fig in figure_texts for t in fig]
    assert texts and not [t for t in texts if CJK.search(t)]


def test_live_trainer_click_grows_the_curve(data, figure_texts):
    X, Y, _ = data
    lt = live_trainer(new_net(), X, Y, lrs=[0.5, 0.02], epochs=12, redraw_every=3)
    assert lt.progress.max == 12 and lt.progress.value == 0 and lt.curve.value == ""
    assert lt.progress.description == "" and lt.choice.description == ""
    seen = []
    lt.progress.observe(lambda ch: seen.append(ch["new"]), "value")
    lt.button.click()                                  # what a click in the browser runs
    assert seen == list(range(1, 13))                  # moved once per epoch
    assert lt.progress.value == 12 == lt.history.epochs
    assert lt.drawn[:-1] == [3, 6, 9, 12]              # redrawn every 3 epochs, growing
    assert lt.drawn[-1] == 12 and not lt.button.disabled
    assert "data:image/png" in lt.curve.value
    # same start every click: the run equals a plain bp.train from the same net
    ref = bp.train(new_net(), X, Y, "mse", lr=0.5, epochs=12)
    assert lt.history.loss == ref.loss


def test_live_trainer_reports_divergence(data, figure_texts):
    X, Y, _ = data
    lt = live_trainer(new_net(), X, Y, lrs=[3.0], epochs=400, redraw_every=50)
    lt.button.click()
    assert lt.history.stop == "diverged"
    assert lt.progress.value == lt.history.epochs < 400
    assert "try a smaller learning rate" in lt.status.value
