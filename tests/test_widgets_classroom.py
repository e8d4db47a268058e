"""bpcore.widgets.classroom: the classroom explorer (issue 5, parts 4 and 5).

No browser here, so jslinks cannot run: the tests check that the links join
the right traits, that frame k (the one the slider selects) holds and shows
the numbers bpcore's step functions give — recomputed here independently,
step by step —, that each frame cites the equations and highlights the step
the book assigns to it, that the live controls rebuild the frames, and that
the print copy shares the Stack's panels and is wired to _static/widgets.css.
"""
import html
import re
from pathlib import Path

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from conftest import assert_no_cjk, numbers_in
from ipywidgets.widgets.widget_description import DescriptionWidget

import bpcore as bp
from bpcore.equations import number
from bpcore.viz.style import fmt, sup
from bpcore.widgets import classroom
from bpcore.widgets.classroom import draw
from bpcore.widgets.classroom.frames import ARCHITECTURES, Kind, preset, run

ROOT = Path(__file__).resolve().parents[1]
ARCH3 = "2-3-2-1 tanh/sigmoid, mse"
SOFTMAX = "2-2-2 tanh/softmax, cross-entropy"


def expected_order(L, T):
    one = ([("forward", l) for l in range(1, L + 1)] + [("loss", None)]
           + [("delta", l) for l in range(L, 0, -1)] + [("grad", l) for l in range(L, 0, -1)]
           + [("update", None)])
    return [(kind, t, l) for t in range(T) for kind, l in one] + [("result", T, None)]


@pytest.mark.parametrize("arch", list(ARCHITECTURES))
def test_frame_order(arch):
    net, X, Y, loss = preset(arch, "xor", seed=1)
    r = run(net, X, Y, loss, lr=0.5, iterations=3)
    assert [(f.kind, f.iteration, f.layer) for f in r.frames] == expected_order(net.L, 3)


@pytest.mark.parametrize("arch,dataset", [("2-3-1 tanh/sigmoid, mse", "xor"),
                                          (SOFTMAX, "moons"), (ARCH3, "spirals")])
def test_frames_equal_bpcore_step_functions(arch, dataset):
    net, X, Y, loss = preset(arch, dataset, seed=2)
    W0 = {l: w.copy() for l, w in net.W.items()}
    lr, T, L = 2.0, 3, net.L
    r = run(net, X, Y, loss, lr=lr, iterations=T)
    for l in net.W:                                      # the caller's network is untouched
        np.testing.assert_array_equal(net.W[l], W0[l])
    ref = net.copy()
    frames = iter(r.frames)
    for t in range(T):
        trace = bp.forward(ref, X)
        J = bp.loss_value(ref, trace, Y, loss)
        delta = bp.backprop_deltas(ref, trace, bp.output_delta(ref, trace, Y, loss))
        dW, db = bp.param_grads(trace, delta)
        W_before = {l: w.copy() for l, w in ref.W.items()}
        bp.update(ref, bp.Gradients(delta, dW, db), lr)
        for l in range(1, L + 1):
            f = next(frames)
            np.testing.assert_allclose(f.values["z"], trace.z[l])
            np.testing.assert_allclose(f.values["a"], trace.a[l])
        f = next(frames)
        assert f.values["J"] == pytest.approx(J) and r.losses[t] == pytest.approx(J)
        for l in range(L, 0, -1):
            np.testing.assert_allclose(next(frames).values["delta"], delta[l])
        for l in range(L, 0, -1):
            f = next(frames)
            np.testing.assert_allclose(f.values["dW"], dW[l])
            np.testing.assert_allclose(f.values["db"], db[l])
        f = next(frames)
        assert f.kind == "update"
        for l in range(1, L + 1):
            np.testing.assert_allclose(f.values["W_before"][l], W_before[l])
            np.testing.assert_allclose(f.values["W_after"][l], ref.W[l])   # = bp.update's result
            np.testing.assert_allclose(f.values["b_after"][l], ref.b[l])
            assert not np.allclose(f.values["W_after"][l], W_before[l])
    J_end = bp.loss_value(ref, bp.forward(ref, X), Y, loss)
    assert next(frames).values["J"] == pytest.approx(J_end)
    np.testing.assert_allclose(r.losses, [it.J for it in r.iterations] + [J_end])


# What the book says each frame does: (source-note step, equation numbers),
# written out from DESIGN.md's steps and the chapters' numbering, not from
# bpcore.equations.
def book_step_and_equations(kind, l, L, loss):
    J = ["1.3"] if loss == "mse" else ["1.4"]
    if kind == "forward":
        return 1, ["1.1", "1.2"]
    if kind == "loss":
        return 1, J
    if kind == "delta" and l == L:
        return 2, ["2.1"] if loss == "mse" else ["2.2"]
    if kind == "delta":
        return 3, ["3.1"]
    if kind == "grad":
        return 4, ["4.1", "4.2"]
    if kind == "update":
        return 5, ["5.1", "5.2"]
    assert kind == "result"
    return None, J


HEADING = re.compile(r'<div class="bp-heading" style="font-weight:bold;font-size:1\.1em">'
                     r'([^<]*)</div>')
CIRCLED = "①②③④⑤"


@pytest.mark.parametrize("arch", [ARCH3, SOFTMAX])
def test_kind_step_and_equations_agree_with_each_frames_heading(arch, figure_texts):
    e = classroom.explorer(arch=arch, dataset="moons", iterations=2, live=False)
    r, L = e.run, e.run.iterations[0].net.L
    assert {f.kind for f in r.frames} == set(Kind)         # every kind occurs
    for k, f in enumerate(r.frames):
        step, numbers = book_step_and_equations(f.kind, f.layer, L, r.loss)
        assert f.kind.step(f.layer, L) == step, (k, f.kind, f.layer)
        assert [number(lab) for lab in f.kind.equations(f.layer, L, r.loss)] == numbers
        html = e.stack.children[k].value
        heading = HEADING.search(html).group(1)
        cited = re.search(r"（式 ([\d.、]+)）$", heading).group(1).split("、")
        assert cited == numbers, (k, heading)
        # the progress bar highlights the frame's step, and only that one
        on = re.findall(rf'font-weight:bold">([{CIRCLED}])', html)
        assert on == ([] if step is None else [CIRCLED[step - 1]]), (k, f.kind)
        # the figure shows the same equation numbers
        assert all(f"({n})" in " ".join(figure_texts[k]) for n in numbers), k


def test_kind_is_a_str_enum():
    assert [str(kind) for kind in Kind] == ["forward", "loss", "delta", "grad", "update",
                                            "result"]
    assert Kind.DELTA == "delta" and Kind("grad") is Kind.GRAD
    with pytest.raises(ValueError):
        Kind("backward")


def test_frame_html_shows_the_numbers(figure_texts):
    e = classroom.explorer(arch=ARCH3, dataset="moons", lr=1.0, iterations=2, example=2)
    r, i = e.run, 2
    assert e.example == i
    for k, f in enumerate(e.frames):
        shown, it = numbers_in(e.stack.children[k].value), r.iterations[min(f.iteration, 1)]
        if f.kind == "forward":
            nums = [*f.values["z"][:, i], *f.values["a"][:, i], *it.net.W[f.layer].ravel()]
        elif f.kind == "delta":
            nums = f.values["delta"][:, i]
        elif f.kind == "grad":
            nums = [*f.values["dW"].ravel(), *f.values["db"].ravel()]
        elif f.kind == "update":
            nums = [x for l in f.values["W_after"] for x in f.values["W_after"][l].ravel()]
        else:
            nums = [f.values["J"]]
        for v in nums:
            assert fmt(v, 4 if f.kind in ("loss", "result") else 3) in shown, (k, f.kind, v)
    # projector sizes: no explicit font size under 20 px; relative sizes of the 24 px base
    for child in e.stack.children:
        assert 'class="bp-frame"' in child.value
        assert f"font-size:{draw.FONT_PX}px" in child.value
        assert all(int(px) >= 20 for px in re.findall(r"font-size:(\d+)px", child.value))
        assert all(float(pc) * draw.FONT_PX / 100 >= 20
                   for pc in re.findall(r"font-size:([\d.]+)%", child.value))
        assert all(float(em) * draw.FONT_PX >= 20
                   for em in re.findall(r"font-size:([\d.]+)em", child.value))


def test_loss_curve_grows_and_marks_the_current_point():
    net, X, Y, loss = preset("2-3-1 tanh/sigmoid, mse", "xor", seed=0)
    r = run(net, X, Y, loss, lr=5.0, iterations=3)
    for k, f in enumerate(r.frames):
        fig = draw.figure(r, k, 3)
        curve = fig.axes[-1]
        n = f.iteration + (0 if f.kind == "forward" else 1)
        np.testing.assert_allclose(curve.lines[0].get_ydata(), r.losses[:n])
        if f.kind != "forward":
            np.testing.assert_allclose(curve.lines[1].get_ydata(), [r.losses[n - 1]])
        plt.close(fig)


def all_widgets(w):
    yield w
    for c in getattr(w, "children", ()):
        yield from all_widgets(c)


def test_controls_are_linked_in_the_browser(figure_texts):
    e = classroom.explorer(iterations=2, interval=900)
    n = len(e.frames)
    pairs = {(l.source[0].model_id, l.source[1], l.target[0].model_id, l.target[1])
             for l in e.links}
    assert (e.play.model_id, "value", e.slider.model_id, "value") in pairs
    assert (e.slider.model_id, "value", e.stack.model_id, "selected_index") in pairs
    assert (e.slider.model_id, "value", e.frame_box.model_id, "value") in pairs
    assert (e.speed.model_id, "value", e.play.model_id, "interval") in pairs
    assert all(type(link).__name__ == "Link" for link in e.links)     # jslink, not a callback
    assert e.play.min == e.slider.min == e.frame_box.min == 0
    assert e.play.max == e.slider.max == e.frame_box.max == n - 1 == len(e.stack.children) - 1
    assert e.speed.value == e.play.interval == 900 and e.speed.min > 0
    # no description on a widget whose view typesets it (MathJax 2's API in a static page)
    for w in all_widgets(e):
        if isinstance(w, DescriptionWidget):
            assert w.description == "", w
        assert not isinstance(w, (widgets.HTMLMath, widgets.Label)), w


def test_print_copy_shares_the_panels_and_print_css_shows_it(figure_texts):
    e = classroom.explorer(iterations=1)
    assert e.print_frames.children == e.stack.children            # the same models: no copy
    assert e.print_frames.layout.display == "none"                 # hidden on screen everywhere
    assert "bp-print-frames" in e.print_frames._dom_classes
    assert "bp-screen-only" in e.stack._dom_classes
    for w in e.children:
        if w is not e.print_frames:
            assert "bp-screen-only" in w._dom_classes
    assert "bp-live-only" in e.live["box"]._dom_classes
    css = (ROOT / "_static" / "widgets.css").read_text()
    body = css[css.index("@media print"):]
    assert re.search(r"\.bp-print-frames\s*\{[^}]*display:\s*grid\s*!important", body)
    assert re.search(r"\.bp-screen-only\s*\{[^}]*display:\s*none\s*!important", body)
    screen = css[:css.index("@media print")]
    assert re.search(r"\.bp-live-only\s*\{[^}]*display:\s*none\s*!important", screen)


def test_live_controls_rebuild_the_frames(figure_texts):
    e = classroom.explorer(iterations=2)
    c = e.live
    e.slider.value = e.play.value = e.frame_box.value = 5
    c["arch"].value = ARCH3                                       # the observer runs rebuild
    n = 2 * (3 * 3 + 2) + 1
    assert len(e.frames) == len(e.stack.children) == len(e.print_frames.children) == n
    assert e.print_frames.children == e.stack.children
    assert e.slider.max == e.play.max == e.frame_box.max == n - 1
    assert e.slider.value == e.play.value == e.frame_box.value == e.stack.selected_index == 0
    assert e.run.iterations[0].net.sizes == [2, 3, 2, 1]
    assert "已重新计算" in c["status"].value
    c["lr"].value = 20.0
    assert e.run.lr == 20.0 and "η = 20" in e.stack.children[n - 2].value   # the update frame
    seed = c["seed"].value
    c["new_seed"].click()
    assert c["seed"].value == seed + 1 and e.settings["seed"] == seed + 1
    ref, *_ = preset(ARCH3, "xor", seed + 1)
    np.testing.assert_allclose(e.run.iterations[0].net.W[1], ref.W[1])
    c["dataset"].value = "spirals"
    assert e.run.X.shape == (2, 8)
    c["arch"].value = "2-3-1 tanh/sigmoid, mse"                    # fewer frames again
    assert len(e.stack.children) == len(e.print_frames.children) == 2 * 8 + 1 == e.slider.max + 1
    with pytest.raises(ValueError, match="unknown setting"):
        e.rebuild(momentum=0.9)


def test_custom_network_and_bad_input(figure_texts):
    net = bp.Network([2, 2, 1], activations="sigmoid", seed=0)
    X, Y = bp.xor()
    W1 = net.W[1].copy()
    e = classroom.explorer(net=net, X=X, Y=Y, loss="mse", lr=1.0, iterations=1)
    np.testing.assert_array_equal(net.W[1], W1)
    assert e.live == {} and len(e.frames) == 3 * 2 + 2 + 1
    with pytest.raises(ValueError, match="needs the data"):
        classroom.explorer(net=net)
    with pytest.raises(ValueError, match="unknown architecture"):
        classroom.explorer(arch="9-9-9")
    with pytest.raises(ValueError, match="unknown data set"):
        classroom.explorer(dataset="iris")
    with pytest.raises(ValueError, match="learning rate"):
        classroom.explorer(lr=0)
    with pytest.raises(TypeError):
        classroom.explorer("2-2-1 sigmoid, mse")         # every setting is a keyword
    with pytest.raises(TypeError):
        classroom.explorer(momentum=0.9)
    with pytest.raises(ValueError, match="example=4"):
        classroom.explorer(example=4)                           # xor has 4 columns
    one = classroom.explorer(net=net, X=X[:, :1], Y=Y[:, :1], iterations=1)
    assert one.example == 0 and classroom.explorer(iterations=1).example == 3


def test_figures_have_no_cjk(figure_texts):
    for arch in (ARCH3, SOFTMAX):
        classroom.explorer(arch=arch, iterations=1)
    assert len(figure_texts) == (3 * 3 + 2 + 1) + (3 * 2 + 2 + 1)
    for texts in figure_texts:
        assert any(re.search(r"\(\d\.\d\)", t) for t in texts)     # an equation number
        assert_no_cjk(texts)


def test_frames_are_small_pngs():
    e = classroom.explorer(iterations=1, live=False)
    sizes = [len(c.value) for c in e.stack.children]
    for c in e.stack.children:
        assert c.value.count('src="data:image/png;base64,') == 1 and 'alt="' in c.value
    # PNGs at twice their layout size (sharp on a projector, issue 12): the
    # classroom page of 25 frames stays under 1.5 MB
    assert max(sizes) < 56_000, sizes


# --------------------------------------------------------------------------
# Issue 11: what a screen reader hears
# --------------------------------------------------------------------------
def vec(v) -> str:
    return "(" + ", ".join(fmt(x) for x in np.ravel(v)) + ")"


def test_every_frame_has_a_summary_and_alt_text_with_its_numbers(figure_texts):
    """Each frame's data-summary (read by the page's live region when the
    explorer shows it) and its figure's alt text give the frame's numbers as
    the frame prints them; the slider's aria-valuetext names the frame."""
    e = classroom.explorer(arch=ARCH3, dataset="moons", lr=1.0, iterations=2, example=2)
    r, i = e.run, 2
    L = r.iterations[0].net.L
    for k, f in enumerate(e.frames):
        html_k = e.stack.children[k].value
        said = e.summary(k)
        alt = html.unescape(re.search(r'<img [^>]*alt="([^"]*)"', html_k).group(1))
        heading = HEADING.search(html_k).group(1)
        assert said.startswith(html.unescape(heading) + "："), (k, said)
        if f.kind == "forward":
            texts = [f"z{sup(f'({f.layer})')} = {vec(f.values['z'][:, i])}",
                     f"a{sup(f'({f.layer})')} = {vec(f.values['a'][:, i])}"]
        elif f.kind == "delta":
            texts = [f"δ{sup(f'({f.layer})')} = {vec(f.values['delta'][:, i])}"]
        elif f.kind == "grad":
            dW = f.values["dW"]
            rows = ("[" + "; ".join(", ".join(fmt(x) for x in row) for row in dW) + "]"
                    if min(dW.shape) > 1 else vec(dW))
            texts = [f"∂J/∂W{sup(f'({f.layer})')} = {rows}",
                     f"∂J/∂b{sup(f'({f.layer})')} = {vec(f.values['db'])}"]
        elif f.kind == "update":
            v = f.values
            q, (j, c) = max(((q, np.unravel_index(np.argmax(np.abs(v["dW"][q])),
                                                  v["dW"][q].shape)) for q in v["dW"]),
                            key=lambda p: abs(v["dW"][p[0]][p[1]]))
            texts = [f"{fmt(v['W_before'][q][j, c])} → {fmt(v['W_after'][q][j, c])}"]
        else:
            texts = [f"J = {fmt(f.values['J'], 4)}"]
        for t in texts:
            assert t in said and t in alt, (k, f.kind, t, said)
            assert all(x in numbers_in(html_k) for x in numbers_in(t.split("=")[-1])), (k, t)
        # the valuetext: "第 k 帧：第 t 次迭代，…" (or the result), the layer named
        name = e.a11y["valuetext"][k]
        assert name == draw.frame_name(r, k) and name.startswith(f"第 {k} 帧：")
        if f.kind != "result":
            assert f"第 {f.iteration + 1} 次迭代，" in name
        if f.kind in ("forward", "grad"):
            assert name.endswith(f"l = {f.layer}")
        if f.kind == "delta":
            assert name.endswith(f"δ{sup(f'({f.layer})')}")
            assert ("输出层误差" if f.layer == L else "反向传播") in name
    assert e.a11y["valuetext"][-1] == f"第 {len(e.frames) - 1} 帧：2 次迭代之后的结果"


def test_explorer_names_its_controls(figure_texts):
    """The names the page's script gives the explorer's controls: ■ is
    "回到第 0 帧", frame 9 of the default explorer is "第 2 次迭代，正向传播
    l = 2", the frame box and the speed slider are named (the speed slider by
    its visible label, whose id the label carries), and a rebuild with
    another number of frames renames them."""
    e = classroom.explorer()
    n = len(e.frames)
    assert e.a11y["stop"] == "回到第 0 帧" and e.play.tooltip == "▶ 播放，■ 回到第 0 帧"
    assert e.a11y["valuetext"][9] == "第 9 帧：第 2 次迭代，正向传播 l = 2"
    assert len(e.a11y["valuetext"]) == n
    box, speed = e.a11y["controls"]
    assert box == {"cls": "bp-frame-box", "label": f"帧号（0 到 {n - 1}）"}
    assert "bp-frame-box" in e.frame_box._dom_classes
    assert "bp-slider-speed" in e.speed._dom_classes and speed["cls"] == "bp-slider-speed"
    labels = [w.value for w in all_widgets(e) if isinstance(w, widgets.HTML)
              and f'id="{speed["labelledby"]}"' in w.value]
    assert len(labels) == 1 and "速度" in labels[0]
    assert speed["valuetext"].format(1500) == "每帧 1500 毫秒"
    assert f'id="{e.label_id}"' in e.label.value and "font-size:20px" in e.label.value
    e.rebuild(iterations=1)
    m = len(e.frames)
    assert m < n and len(e.a11y["valuetext"]) == m
    assert e.a11y["controls"][0]["label"] == f"帧号（0 到 {m - 1}）"
    assert '第 0 帧' in e.label.value                 # the label carries the new names


def test_explorer_id_for_links_is_frame(figure_texts):
    """Issue 12: classroom.html#frame=9 opens frame 9."""
    assert classroom.explorer(iterations=1, live=False).a11y["id"] == "frame"
