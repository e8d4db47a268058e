"""Training steps per second of the JavaScript twin (bpcore/widgets/live/
bp-live.js) in Chromium, beside bpcore's on the same networks and data:

- XOR 2-4-1 sigmoid, mse, full batch (m = 4)
- a 2-8-8-1 net on 200 moons points, full batch, mse with a sigmoid output;
  once with tanh hidden layers, once with relu (whose σ needs no
  exponential: the twin computes tanh itself, as Math.tanh is slow)

One step is steps 1–5 on the batch. Each side runs train for N epochs in
many rounds, interleaved (the twin's train timed in the page with
performance.now, bp.train with time.perf_counter); a time is the fastest
round, and includes the call's one-off set-up (checks, the returned copy)
spread over its N epochs. The goal (issue 13) is the twin at least as fast
as bpcore per step. The losses of both are compared too (relative 1e-10).

Run from the repository root: `python -m bench.live` (`make bench` does).
Prints a Markdown table.
"""
from __future__ import annotations

import json
import os
import platform
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

import bpcore as bp
from tools.chromium import CHROMIUM_ARGS, chromium_path, serve

TWIN = Path(bp.__file__).parent / "widgets" / "live" / "bp-live.js"
PAGE = """<!doctype html><meta charset="utf-8"><title>bp-live bench</title>
<script type="module">import * as bpLive from "./bp-live.js"; window.bpLive = bpLive;</script>"""

# The twin's train, timed in the page: {ms, loss} of one call on a fresh copy
# of the network (makeNetwork is outside the timing, as net.copy() is below).
TIME_JS = """a => {
  const net = bpLive.makeNetwork(a);
  const t = performance.now();
  const r = bpLive.train({...a, net});
  return {ms: performance.now() - t, loss: r.loss};
}"""


def case(page, name, data, sizes, activations, lr, epochs, rounds):
    X, Y = data
    net = bp.Network(sizes, activations, seed=0)
    args = {**json.loads(net.to_json()), "X": X.tolist(), "Y": Y.tolist(), "loss": "mse",
            "lr": lr, "epochs": epochs}
    twin, ours = np.empty(rounds), np.empty(rounds)
    for r in range(rounds):
        result = page.evaluate(TIME_JS, args)
        twin[r] = result["ms"] / 1e3
        trained = net.copy()
        start = time.perf_counter()
        history = bp.train(trained, X, Y, loss="mse", lr=lr, epochs=epochs)
        ours[r] = time.perf_counter() - start
    same = np.allclose(result["loss"], history.loss, rtol=1e-10, atol=0)
    return {"name": name, "m": X.shape[1], "twin": epochs / twin.min(),
            "bpcore": epochs / ours.min(), "median": float(np.median(ours / twin)),
            "same": same}


def main():
    exe = chromium_path()
    if exe is None:
        raise SystemExit("bench/live.py needs Chromium (/usr/bin/chromium or $CHROMIUM)")
    from playwright.sync_api import sync_playwright

    moons_X, moons_y = bp.moons(200, seed=0)
    moons = (moons_X, moons_y.reshape(1, -1).astype(float))
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as pw:
        shutil.copy(TWIN, Path(folder) / TWIN.name)
        (Path(folder) / "index.html").write_text(PAGE, encoding="utf-8")
        httpd, base = serve(Path(folder))
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            def page():
                """A fresh page per network, as the playground has one network at a time
                (the JIT's feedback of one network does not slow the next)."""
                p = browser.new_page()
                p.goto(base + "index.html")
                p.wait_for_function("window.bpLive !== undefined")
                return p

            results = [
                case(page(), "XOR 2-4-1 sigmoid, mse", bp.xor(), [2, 4, 1], "sigmoid",
                     lr=2.0, epochs=40000, rounds=20),
                case(page(), "moons 2-8-8-1 tanh/sigmoid, mse", moons, [2, 8, 8, 1],
                     ["tanh", "tanh", "sigmoid"], lr=0.5, epochs=400, rounds=40),
                case(page(), "moons 2-8-8-1 relu/sigmoid, mse", moons, [2, 8, 8, 1],
                     ["relu", "relu", "sigmoid"], lr=0.5, epochs=400, rounds=40),
            ]
            version = browser.version
        finally:
            browser.close()
            httpd.shutdown()
            httpd.server_close()

    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Chromium {version}, "
          f"Python {platform.python_version()}, numpy {np.__version__}")
    print()
    print("| network (full batch) | m | twin steps/s | bpcore steps/s | twin ÷ bpcore |")
    print("|---|---|---|---|---|")
    for r in results:
        print(f"| {r['name']} | {r['m']} | {r['twin']:,.0f} | {r['bpcore']:,.0f} | "
              f"{r['twin'] / r['bpcore']:.2f} ({r['median']:.2f}) |")
    print()
    print("Each rate is from the fastest of many interleaved rounds; the ratio is that of "
          "the fastest rounds, and in brackets the median of the ratios of the same rounds.")
    print("twin and bpcore give the same losses (relative 1e-10): "
          + ("yes" if all(r["same"] for r in results) else "NO"))
    missed = [r["name"] for r in results if r["twin"] < r["bpcore"]]
    print("goal (twin at least as fast as bpcore per step): "
          + (f"NOT met for {', '.join(missed)}" if missed else "met"))


if __name__ == "__main__":
    main()
