"""bpcore.widgets.training (chapter 5): η comparison, epoch replay, live trainer.

No browser here: the tests check the jslinks exist and join the right
traits, and that the numbers each panel carries (and draws) are those of the
training history, recomputed here from its snapshots.
"""
import html
import re
import warnings

import numpy as np
import pytest
from conftest import assert_links, assert_no_cjk

import bpcore as bp
from bpcore.viz.style import fmt
from bpcore.widgets.training import epoch_replay, live_trainer, lr_comparison

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
    assert runs[0.5].stop is bp.Stop.EPOCHS and runs[0.02].stop is bp.Stop.EPOCHS
    assert runs[3.0].stop is bp.Stop.DIVERGED and all(np.isfinite(runs[3.0].loss))


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
    # the highlighted η is named in each panel's figure title ("$\eta = 0.5$: 200
    # epochs"), and only there: the legend names every η, without the colon
    assert len(figure_texts) == 3
    for texts, lr in zip(figure_texts, s.lrs, strict=True):
        titles = [t for t in texts if t.startswith("$\\eta = ") and "$: " in t]
        assert len(titles) == 1 and titles[0].startswith(f"$\\eta = {lr:g}$: "), titles
    h = runs[3.0]
    assert f"diverged in epoch {h.epochs + 1}" in " ".join(figure_texts[2])
    assert "diverged" not in " ".join(figure_texts[0] + figure_texts[1])


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
    for k, (snap, e) in enumerate(zip(h.snapshots, s.epochs, strict=True)):
        # J and the accuracy of the snapshot's parameters, recomputed here
        ref = bp.Network.from_params(snap.W, snap.b, ACTS)
        y_hat = bp.forward(ref, X).y_hat
        J = 0.5 * np.sum((y_hat - Y) ** 2) / X.shape[1]
        accuracy = np.mean((y_hat[0] >= 0.5) == y)
        assert s.J[k] == pytest.approx(J, rel=1e-12)
        assert s.accuracy[k] == pytest.approx(accuracy)
        assert s.values[k]["epoch"] == e
        assert s.values[k]["J"] == pytest.approx(J, rel=1e-12)
        assert s.values[k]["accuracy"] == pytest.approx(accuracy)
        if e < h.epochs:      # J after e epochs is what train recorded in epoch e + 1
            assert s.J[k] == pytest.approx(h.loss[e], rel=1e-12)
        assert f'data-epoch="{e}"' in s.panel_html(k)
    # the last panel is the trained network itself
    assert s.J[-1] == pytest.approx(bp.loss_value(net, bp.forward(net, X), Y, "mse"), rel=1e-12)
    np.testing.assert_array_equal(s.nets[-1].W[1], net.W[1])
    assert s.accuracy[0] != s.accuracy[-1]             # training changed the predictions
    assert len(figure_texts) == 5


def test_epoch_replay_marker_moves_with_the_epoch(data, replay_run, figure_texts):
    X, Y, _ = data
    net, h = replay_run
    s = epoch_replay(net, h, X, Y)
    xs = [m[0] for m in s.markers]
    assert xs == [float(e) for e in s.epochs]
    assert all(np.isclose(m[1], J) for m, J in zip(s.markers, s.J, strict=True))
    assert [f'data-marker-x="{x:g}"' in s.panel_html(k) for k, x in enumerate(xs)] == [True] * 5
    # the figure title of each panel names its epoch
    assert len(figure_texts) == len(s.epochs)
    for e, texts in zip(s.epochs, figure_texts, strict=True):
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
    assert len(figure_texts) == 3 + 5 + 3          # η panels, replay panels, live redraws
    for texts in figure_texts:
        assert texts
        assert_no_cjk(texts)


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
    # the run equals a plain bp.train from the same net, and so does the next
    # click's: every click starts from the same W⁽ˡ⁾, b⁽ˡ⁾
    ref = bp.train(new_net(), X, Y, "mse", lr=0.5, epochs=12)
    assert lt.history.loss == ref.loss
    first = lt.history
    lt.button.click()
    assert lt.history is not first and lt.history.loss == ref.loss


def test_live_trainer_reports_divergence(data, figure_texts):
    X, Y, _ = data
    lt = live_trainer(new_net(), X, Y, lrs=[3.0], epochs=400, redraw_every=50)
    lt.button.click()
    assert lt.history.stop is bp.Stop.DIVERGED
    assert lt.progress.value == lt.history.epochs < 400
    assert "try a smaller learning rate" in lt.status.value


def alt_of(html_text: str) -> str:
    return html.unescape(re.search(r'<img [^>]*alt="([^"]*)"', html_text).group(1))


def test_lr_comparison_summaries_and_alt_state_the_losses(runs, figure_texts):
    """Issue 11: panel η's summary (read by the page's live region) gives J
    at the start and the end of its run; every image's alt text gives the
    first and last J of every curve it draws."""
    s = lr_comparison(runs)
    for k, lr in enumerate(s.lrs):
        h, said = runs[lr], s.summary(k)
        assert said.startswith(f"第 5 步 参数更新，学习率的比较：η = {lr:g}：")
        assert f"J 从 {fmt(h.loss[0], 4)} 变为 {fmt(h.loss[-1], 4)}" in said
        alt = alt_of(s.panel_html(k))
        for other, g in runs.items():
            assert f"η = {other:g}：{fmt(g.loss[0], 4)} → {fmt(g.loss[-1], 4)}" in alt, alt
    assert "随后发散" in alt_of(s.panel_html(2)) and "发散" in s.summary(2)


def test_epoch_replay_summaries_and_alt_state_j_and_accuracy(data, replay_run, figure_texts):
    X, Y, _ = data
    net, h = replay_run
    s = epoch_replay(net, h, X, Y)
    for k, e in enumerate(s.epochs):
        said, alt = s.summary(k), alt_of(s.panel_html(k))
        assert said == (f"第 5 步 参数更新的回放，e = {e}：J = {fmt(s.J[k], 4)}，"
                        f"训练集准确率 {s.accuracy[k]:.1%}。")
        assert f"J = {fmt(s.J[k], 4)}" in alt and f"准确率 {s.accuracy[k]:.1%}" in alt


def test_sliders_have_stable_ids_for_links(runs, data, replay_run, figure_texts):
    """Issue 12: the id in the page's URL (#lr=1, #epoch=3)."""
    X, Y, y = data
    assert lr_comparison(runs).a11y["id"] == "lr"
    net, hist = replay_run
    assert epoch_replay(net, hist, X, Y, y=y).a11y["id"] == "epoch"
