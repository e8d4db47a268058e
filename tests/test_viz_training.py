"""bpcore.viz.training: each figure is drawn, carries no CJK text, and shows
the numbers that bpcore computes (predicted classes on the grid, confusion
counts)."""
from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pytest
from conftest import assert_no_cjk, texts_of
from matplotlib.figure import Figure

import bpcore as bp
from bpcore.viz import training as plots


def assert_figure(fig):
    assert isinstance(fig, Figure)
    fig.canvas.draw()                      # renders: mathtext errors surface here
    assert_no_cjk(texts_of(fig))


@pytest.fixture
def spirals3():
    X, y = bp.spirals(m=60, n_classes=3, seed=1)
    net = bp.Network([2, 6, 3], activations=["tanh", "softmax"], seed=2)
    bp.train(net, X, bp.one_hot(y, 3), loss="cross_entropy", lr=0.5, epochs=20)
    return net, X, y


def test_loss_curves_train_and_test():
    X, y = bp.moons(m=40, seed=0)
    Y = bp.one_hot(y, 2)
    net = bp.Network([2, 4, 2], activations=["tanh", "softmax"], seed=0)
    h = bp.train(net, X[:, :30], Y[:, :30], loss="cross_entropy", lr=0.5, epochs=7,
                 validation=(X[:, 30:], Y[:, 30:]))
    fig = plots.loss_curves(h)
    assert_figure(fig)
    ax = fig.axes[0]
    train, test = ax.get_lines()
    assert np.array_equal(train.get_xdata(), np.arange(1, 8))
    assert np.allclose(train.get_ydata(), h.loss)
    assert np.allclose(test.get_ydata(), h.val_loss)
    assert test.get_linestyle() == "--" and test.get_color() == train.get_color()
    assert ax.get_yscale() == "log"
    assert {"train", "test"} <= set(texts_of(fig))


def test_loss_curves_overlay_on_one_axes():
    X, Y = bp.xor()
    fig, ax = plt.subplots()
    for seed in (0, 1):
        h = bp.train(bp.Network([2, 2, 1], seed=seed), X, Y, lr=1.0, epochs=5)
        assert plots.loss_curves(h, ax, label=f"seed {seed}", log=False) is fig
    assert_figure(fig)
    assert len(ax.get_lines()) == 2 and ax.get_yscale() == "linear"
    assert {"seed 0, train", "seed 1, train"} <= set(texts_of(fig))


def test_boundary_grid_order():
    X = np.array([[0.0, 1.0, 2.0], [-1.0, 0.0, 3.0]])
    x1, x2, P = plots.boundary_grid(X, resolution=5, margin=0.0)
    assert (x1[0], x1[-1], x2[0], x2[-1]) == (0.0, 2.0, -1.0, 3.0)
    assert P.shape == (2, 25)
    i, j = 3, 1
    assert np.array_equal(P[:, i * 5 + j], [x1[j], x2[i]])
    with pytest.raises(ValueError, match="X.T"):
        plots.boundary_grid(X.T)


def test_decision_boundary_regions_are_bpcore_predictions(spirals3):
    net, X, y = spirals3
    r = 40
    fig = plots.decision_boundary(net, X, y, resolution=r)
    assert_figure(fig)
    shown = np.asarray(fig.axes[0].images[0].get_array())
    _, _, P = plots.boundary_grid(X, resolution=r)
    expected = bp.forward(net, P).y_hat.argmax(axis=0).reshape(r, r)
    assert shown.shape == (r, r)
    assert np.array_equal(shown, expected)
    assert len(np.unique(shown)) == 3          # all three classes appear
    # where it is drawn: the pixel under each grid point shows that point's class
    ax, image = fig.axes[0], fig.axes[0].images[0]
    flat = expected.ravel()
    for idx in range(0, r * r, 13):
        x, y_ = ax.transData.transform(P[:, idx])
        assert image.get_cursor_data(SimpleNamespace(x=x, y=y_, inaxes=ax)) == flat[idx]


def test_decision_boundary_one_sigmoid_output_and_test_points():
    X, Y = bp.xor()
    net = bp.Network([2, 4, 1], activations="sigmoid", seed=0)
    bp.train(net, X, Y, lr=5.0, epochs=300)
    r = 30
    fig = plots.decision_boundary(net, X, Y[0].astype(int), resolution=r,
                                  X_test=X + 0.05, y_test=Y[0].astype(int))
    assert_figure(fig)
    _, _, P = plots.boundary_grid(X, resolution=r)
    expected = (bp.forward(net, P).y_hat[0] >= 0.5).reshape(r, r)
    assert expected.any() and not expected.all()      # both classes have a region
    assert np.array_equal(fig.axes[0].images[0].get_array(), expected)
    assert any("test" in t for t in texts_of(fig))


def test_confusion_counts_sum_and_diagonal(spirals3):
    net, X, y = spirals3
    pred = bp.predict_classes(net, X)
    C = plots.confusion_counts(y, pred, 3)
    assert C.shape == (3, 3)
    assert C.sum() == X.shape[1]
    assert np.trace(C) == np.sum(pred == y)
    assert 0 < np.trace(C) < X.shape[1]        # the fixture makes some mistakes
    assert np.array_equal(C.sum(axis=1), np.bincount(y, minlength=3))
    assert np.array_equal(C.sum(axis=0), np.bincount(pred, minlength=3))
    for i in range(3):                         # every cell, counted by hand
        for j in range(3):
            assert C[i, j] == np.sum((y == i) & (pred == j)), (i, j)


def test_confusion_matrix_figure_shows_the_counts(spirals3):
    net, X, y = spirals3
    pred = bp.forward(net, X).y_hat.argmax(axis=0)
    fig = plots.confusion_matrix(y, pred, n_classes=3)
    assert_figure(fig)
    ax = fig.axes[0]
    counts = np.array([[np.sum((y == i) & (pred == j)) for j in range(3)] for i in range(3)])
    assert np.array_equal(np.asarray(ax.images[0].get_array()), counts)
    # each non-zero cell (row i = true class, column j = predicted) is written
    # in its cell: the cell texts alone, not the tick labels
    cells = {(round(t.get_position()[1]), round(t.get_position()[0])): t.get_text()
             for t in ax.texts}
    assert cells == {(i, j): str(counts[i, j]) for i in range(3) for j in range(3)
                     if counts[i, j]}
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "1", "2"]


def test_confusion_counts_small_example():
    C = plots.confusion_counts([0, 0, 1, 2, 2], [0, 1, 1, 2, 0], 3)
    assert C.tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 1]]
    with pytest.raises(ValueError, match="n_classes"):
        plots.confusion_counts([0, 3], [0, 1], 3)


def test_misclassified_grid():
    rng = np.random.default_rng(0)
    X = rng.uniform(0, 16, (64, 12))
    y = np.arange(12) % 10
    pred = y.copy()
    pred[[2, 5, 7]] = [9, 0, 1]
    fig = plots.misclassified(X, y, pred, n=8, ncols=2)
    assert_figure(fig)
    imgs = [ax.images[0] for ax in fig.axes if ax.images]
    assert len(imgs) == 3
    assert np.array_equal(imgs[1].get_array(), X[:, 5].reshape(8, 8))
    titles = [ax.get_title() for ax in fig.axes if ax.images]
    assert titles == ["true 2, pred 9", "true 5, pred 0", "true 7, pred 1"]


def test_misclassified_none_wrong():
    X = np.zeros((64, 3))
    fig = plots.misclassified(X, [1, 2, 3], [1, 2, 3])
    assert_figure(fig)
    assert "no misclassified examples" in texts_of(fig)
