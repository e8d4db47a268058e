"""Frame times of the playground (chapter 7) while it trains, in Chromium:
does the page redraw at 60 frames per second?

The built page (_build/html/book/ch7_playground.html, or the book in
$BOOK_BUILD) is opened with a 2-8-8-1 network (tanh hidden layers, sigmoid
output, mse, full batch) on the 200 points of the moons data set, and
played for about 5 s at each speed (iterations per frame). Every frame the
page runs that many iterations (steps 1–5 on the 200 points), the heat map
(one forward pass over a 50 × 50 grid), the network, the loss and ‖δ⁽ˡ⁾‖
charts, and at most 4 times a second the panel of the five steps.

Frame time: the interval between two requestAnimationFrame callbacks of
this script, a frame's whole cost as the reader sees it (16.7 ms at 60 Hz);
work: the time of the playground's own frame callback (its iterations and
drawing), as the page records it (bpPlayground.frameWork). Prints a
Markdown table with the median and the 95th percentile of each.

Run from the repository root after `make book`: `python -m bench.live_frames`
(`make bench` does).
"""
from __future__ import annotations

import os
import platform
from pathlib import Path

import numpy as np

from tools.chromium import CHROMIUM_ARGS, chromium_path, serve

BUILD = Path(os.environ.get("BOOK_BUILD", Path(__file__).resolve().parents[1] / "_build"))
PAGE = "book/ch7_playground.html"
SETUP = "data:moons&net:2-8-8-1&act:tanh&loss:mse&lr:1&batch:all&seed:0"
SPEEDS = (1, 10, 100)
SECONDS = 5.0

# Plays for `seconds`; returns the intervals between this script's rAF
# callbacks (ms) and the epochs trained meanwhile.
FRAMES_JS = """async seconds => {
  const p = bpPlayground, times = [];
  p.reset();
  p.play();
  await new Promise(resolve => {
    const tick = t => {
      times.push(t);
      if (t - times[0] < seconds * 1000) requestAnimationFrame(tick); else resolve();
    };
    requestAnimationFrame(tick);
  });
  p.pause();
  return {dt: times.slice(1).map((t, k) => t - times[k]), epochs: p.epoch, work: p.frameWork};
}"""


def main():
    exe = chromium_path()
    html = BUILD / "html"
    if exe is None:
        raise SystemExit("bench/live_frames.py needs Chromium (/usr/bin/chromium or $CHROMIUM)")
    if not (html / PAGE).is_file():
        raise SystemExit(f"{html / PAGE} is not built: run `make book` first")
    from playwright.sync_api import sync_playwright

    httpd, base = serve(html)
    rows = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for speed in SPEEDS:
                page.goto("about:blank")
                page.goto(f"{base}{PAGE}#{SETUP}&speed:{speed}", wait_until="load")
                page.wait_for_function("window.bpPlayground !== undefined")
                page.locator(".bp-playground").scroll_into_view_if_needed()
                assert page.evaluate("() => bpPlayground.config.speed") == speed
                got = page.evaluate(FRAMES_JS, SECONDS)
                dt, work = np.array(got["dt"]), np.array(got["work"])
                rows.append((speed, len(dt) / (dt.sum() / 1e3), *np.percentile(dt, [50, 95]),
                             *np.percentile(work, [50, 95]), got["epochs"] / SECONDS))
            version = browser.version
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()

    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Chromium {version} "
          f"(headless, {' '.join(a for a in CHROMIUM_ARGS if 'gpu' in a)})")
    print()
    print("Playground, 2-8-8-1 tanh/sigmoid on 200 moons points, full batch, playing "
          f"for {SECONDS:g} s per speed:")
    print()
    print("| iterations per frame | frames/s | frame time p50 | frame time p95 "
          "| work per frame p50 | work per frame p95 | epochs/s |")
    print("|---|---|---|---|---|---|---|")
    for speed, fps, p50, p95, w50, w95, eps in rows:
        print(f"| {speed} | {fps:.1f} | {p50:.1f} ms | {p95:.1f} ms | {w50:.2f} ms "
              f"| {w95:.2f} ms | {eps:,.0f} |")
    print()
    slow = [r[0] for r in rows if r[3] > 1000 / 60 * 1.1]
    print("goal (60 frames per second, p95 frame time within 10 % of 16.7 ms): "
          + (f"NOT met at {', '.join(map(str, slow))} iterations per frame" if slow else "met"))


if __name__ == "__main__":
    main()
