import * as bpLive from "./bp-live.js";
// playground.js: the training playground of chapter 7, on bpcore's twin.
//
// Every number on the page comes from bp-live.js (bpLive: forward, lossValue,
// backward, update — steps 1–5 as in bpcore/steps.py). This file only holds
// the page: its controls, the training loop driven by requestAnimationFrame,
// and what it draws. Python (bpcore/widgets/live/__init__.py) gives each
// playground <div class="bp-playground"> a JSON block: its words (words.py),
// the data sets as bpcore makes them, each seed's normal numbers, the first
// configuration and the named ready configurations (config.py, which reads
// and writes the same URL hash as this file).
//
// What the page shows, from top to bottom:
//   controls         data, hidden layers and widths, σ, loss, η, batch, seed, speed
//   buttons          Play/Pause, Step (one iteration), Reset, copy a link
//   summary          epoch, iteration, J, accuracy (and a polite live region, ≤ 1/s)
//   plane            the decision boundary as a heat map under the data points
//   network          weights as lines: colour = sign, width = size; nodes = a⁽ˡ⁾ of example i
//   loss curve       J per epoch (log scale)
//   ‖δ⁽ˡ⁾‖           the norm of each layer's error term per epoch (log scale)
//   five steps       the equations of the next iteration with example i's numbers
//
// Full-batch training here repeats bp.train number for number: the data are
// bpcore's, the initial W⁽ˡ⁾ are bpcore's (std × the seed's normals), the
// steps are the twin's. Mini-batches are shuffled by this page's own
// generator (mulberry32), not numpy's, so only their statistics agree.

window.bpLive = bpLive;

const GRID = 50;            // the heat map: GRID × GRID points, one forward pass as a batch
const SUMMARY_MS = 100;     // the visible summary line, at most every 100 ms while playing
const PANEL_MS = 250;       // the five steps' numbers, at most 4 times a second while playing
const LIVE_MS = 1000;       // the live region and the canvases' text, at most once a second
const MARGIN = 0.25;        // the plane shows the data's range plus this share on each side
const WORK_FRAMES = 600;    // frames whose work time is kept (10 s at 60 frames per second)
const SUP = {"0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷",
             "8": "⁸", "9": "⁹", "-": "⁻", "(": "⁽", ")": "⁾", "l": "ˡ", "L": "ᴸ", "T": "ᵀ"};
const SUB = {"0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇",
             "8": "₈", "9": "₉"};

// Every word the page shows comes from Python in the page's JSON block
// ("words": bpcore/widgets/live/words.py, through bpcore.i18n.t), in the
// language the cell was run in: this file holds no word of its own. A word
// with {fields} is a template for fill(). T is the words in use.
let T = null;
const IN_BOOK = document.querySelector('script[src*="documentation_options"]') !== null;
const OUTPUT = {mse: "sigmoid", cross_entropy: "softmax"};
const N_OUT = {mse: 1, cross_entropy: 2};
const KEYS = ["data", "net", "act", "loss", "lr", "batch", "seed", "speed", "i", "pts"];
// What a hash is read onto: Python writes every key into the root's
// data-config (config.Setup's defaults), which is read onto this first.
const BASE = {data: "spirals", hidden: [8, 8], act: "tanh", loss: "mse", lr: 1, batch: null,
              seed: 0, speed: 10, i: 1, points: []};

// ------------------------------------------------------------------ numbers
const sup = s => String(s).replace(/./g, ch => SUP[ch] ?? ch);
const sub = s => String(s).replace(/./g, ch => SUB[ch] ?? ch);
const layer = (name, l) => `${name}${sup(`(${l})`)}`;          // layer("δ", 2) = δ⁽²⁾

// A template of the words with its {fields} filled: fill("J = {J}", {J: 0.5}).
function fill(template, args) {
  return template.replace(/\{(\w+)\}/g, (_, name) => {
    if (!Object.hasOwn(args, name)) throw new Error(`fill: no value for {${name}} in ${template}`);
    return String(args[name]);
  });
}

// A list joined by a template of two fields, {items} and {item}, as
// bpcore.i18n.listing joins one: joined(T.clauses, ["a", "b"]) = "a; b".
const joined = (template, list) => list.length
  ? list.reduce((items, item) => fill(template, {items, item})) : "";

// A number as bpcore.viz.style.fmt prints it: 3 significant digits (Python's
// "%.3g": exponent form below 1e-4 or from 1000), a true minus sign.
function fmt(v, digits = 3) {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : (v > 0 ? "∞" : "−∞");
  if (v === 0) return "0";
  const e = Number(v.toExponential(digits - 1).split("e")[1]);
  let s;
  if (e < -4 || e >= digits) {
    const [m, x] = v.toExponential(digits - 1).split("e");
    s = `${m.includes(".") ? m.replace(/\.?0+$/, "") : m}e${Number(x)}`;
  } else {
    s = v.toFixed(Math.max(0, digits - 1 - e));
    if (s.includes(".")) s = s.replace(/\.?0+$/, "");
  }
  return s.replace(/-/g, "−");
}

// a vector as (v₁, v₂, …); one number alone, without brackets
const vec = values => {
  const parts = Array.from(values, v => fmt(v));
  return parts.length === 1 ? parts[0] : `(${parts.join(", ")})`;
};
const percent = p => `${(100 * p).toFixed(1)}%`;
const column = (M, i) => Array.from({length: M.rows}, (_, k) => M.data[k * M.cols + i]);
const norm = M => Math.sqrt(M.data.reduce((s, v) => s + v * v, 0));

// ------------------------------------------------------------ configuration
// The URL hash, as bpcore/widgets/live/config.py writes it (key:value joined by "&").
function formatConfig(c) {
  const parts = {data: c.data, net: sizesOf(c).join("-"), act: c.act, loss: c.loss,
                 lr: String(c.lr), batch: c.batch === null ? "all" : String(c.batch),
                 seed: String(c.seed), speed: String(c.speed), i: String(c.i)};
  if (c.data === "custom" && c.points.length)
    parts.pts = c.points.map(([x, y, k]) => `${round3(x)},${round3(y)},${k}`).join(";");
  return Object.entries(parts).map(([k, v]) => `${k}:${v}`).join("&");
}

const round3 = v => String(Math.round(v * 1000) / 1000);
const sizesOf = c => [2, ...c.hidden, N_OUT[c.loss]];
const activationsOf = c => [...c.hidden.map(() => c.act), OUTPUT[c.loss]];

// The configuration a hash gives, starting from `base`; a bad value keeps the
// base's and adds a message (in the page's language) saying what was wrong.
function parseConfig(text, base, choices, datasets) {
  const c = structuredClone(base), errors = [];
  const bad = (part, why) => errors.push(fill(T.badLink, {part, why}));
  const whole = (v, lo, hi) => /^\d+$/.test(v) && Number(v) >= lo && Number(v) <= hi;
  let nOut = null, netPart = "";
  for (const part of text.replace(/^#/, "").split("&").filter(Boolean)) {
    const at = part.indexOf(":"), key = part.slice(0, at), v = part.slice(at + 1);
    if (at < 0 || !KEYS.includes(key)) { bad(part, T.badKey); continue; }
    if (key === "data") {
      if (v in datasets || v === "custom") c.data = v; else bad(part, T.badData);
    } else if (key === "net") {
      const n = v.split("-");
      if (n.length >= 2 && n.length <= choices.maxHidden + 2 && n[0] === "2"
          && n.slice(1, -1).every(w => whole(w, 1, choices.maxWidth)) && ["1", "2"].includes(n.at(-1))) {
        c.hidden = n.slice(1, -1).map(Number);
        nOut = Number(n.at(-1));
        netPart = part;
      } else bad(part, T.badNet);
    } else if (key === "act") {
      if (choices.activations.includes(v)) c.act = v; else bad(part, T.badAct);
    } else if (key === "loss") {
      if (v in OUTPUT) c.loss = v; else bad(part, T.badLoss);
    } else if (key === "lr") {
      const lr = Number(v);
      if (v !== "" && Number.isFinite(lr) && lr > 0) c.lr = lr; else bad(part, T.badLr);
    } else if (key === "batch") {
      if (v === "all") c.batch = null;
      else if (choices.batches.includes(Number(v))) c.batch = Number(v);
      else bad(part, T.badBatch);
    } else if (key === "seed") {
      if (whole(v, 0, choices.seeds - 1)) c.seed = Number(v); else bad(part, T.badSeed);
    } else if (key === "speed") {
      if (choices.speeds.includes(Number(v))) c.speed = Number(v); else bad(part, T.badSpeed);
    } else if (key === "i") {
      if (whole(v, 1, Infinity)) c.i = Number(v); else bad(part, T.badExample);
    } else if (key === "pts") {
      const pts = v.split(";").filter(Boolean).map(p => p.split(",").map(Number));
      if (pts.every(p => p.length === 3 && Number.isFinite(p[0]) && Number.isFinite(p[1]) && (p[2] === 0 || p[2] === 1)))
        c.points = pts; else bad(part, T.badPoints);
    }
  }
  if (nOut !== null && nOut !== N_OUT[c.loss])
    bad(netPart, fill(T.badOutput, {loss: c.loss, n: N_OUT[c.loss]}));
  return {config: c, errors};
}

// ---------------------------------------------------------------- the data
// X (2, m), Y (n_L, m) as bpcore's Setup.examples gives them, and the labels.
function examples(page, c) {
  const src = c.data === "custom"
    ? {X: [c.points.map(p => p[0]), c.points.map(p => p[1])], labels: c.points.map(p => p[2])}
    : page.datasets[c.data];
  const m = src.labels.length, X = bpLive.mat(2, m), Y = bpLive.mat(N_OUT[c.loss], m);
  for (let i = 0; i < m; i++) {
    X.data[i] = src.X[0][i];
    X.data[m + i] = src.X[1][i];
    if (c.loss === "mse") Y.data[i] = src.labels[i];
    else Y.data[src.labels[i] * m + i] = 1;               // one-hot: Y[k, i] = 1 for class k
  }
  return {X, Y, labels: src.labels, m};
}

// The plane's square window around the data (a fixed one for the reader's points).
function windowOf(data, c) {
  if (c.data === "custom" || data.m === 0) return {x0: -1.5, y0: -1.5, size: 3};
  const x = data.X.data;
  let lo = [Infinity, Infinity], hi = [-Infinity, -Infinity];
  for (let i = 0; i < data.m; i++)
    for (let r = 0; r < 2; r++) {
      lo[r] = Math.min(lo[r], x[r * data.m + i]);
      hi[r] = Math.max(hi[r], x[r * data.m + i]);
    }
  const size = Math.max(hi[0] - lo[0], hi[1] - lo[1], 1e-9) * (1 + 2 * MARGIN);
  return {x0: (lo[0] + hi[0] - size) / 2, y0: (lo[1] + hi[1] - size) / 2, size};
}

// The grid of the heat map as one batch: column g = j + GRID·k is the centre
// of cell (j, k), j along x₁, k along x₂.
function gridOf(win) {
  const G = bpLive.mat(2, GRID * GRID), h = win.size / GRID;
  for (let k = 0; k < GRID; k++)
    for (let j = 0; j < GRID; j++) {
      G.data[j + GRID * k] = win.x0 + (j + 0.5) * h;
      G.data[GRID * GRID + j + GRID * k] = win.y0 + (k + 0.5) * h;
    }
  return G;
}

// ------------------------------------------------------------- the network
// bpcore's Network(sizes, activations, seed): W⁽ˡ⁾ = std · N(0, 1), the numbers
// taken in order from the seed's stream, row by row, layer after layer;
// std = bpLive.initStd (Glorot's, He's for relu); b⁽ˡ⁾ = 0.
function initialNetwork(page, c) {
  const sizes = sizesOf(c), activations = activationsOf(c), z = page.normals[c.seed];
  const W = {}, b = {};
  let next = 0;
  for (let l = 1; l < sizes.length; l++) {
    const nIn = sizes[l - 1], nOut = sizes[l];
    const std = bpLive.initStd(activations[l - 1], nIn, nOut);
    W[l] = Array.from({length: nOut}, () => Array.from({length: nIn}, () => std * z[next++]));
    b[l] = new Array(nOut).fill(0);
  }
  return bpLive.makeNetwork({sizes, activations, W, b});
}

// ---------------------------------------------------------------- training
// A run: the network, where the current epoch stands, and what bp.train's
// History records — loss[e] (J averaged over epoch e's batches, each before
// its update) — plus ‖δ⁽ˡ⁾‖ averaged the same way.
function newRun(page, c) {
  const net = initialNetwork(page, c);
  const deltaNorm = {};
  for (let l = 1; l <= net.L; l++) deltaNorm[l] = [];
  return {net, iteration: 0, epoch: 0, start: 0, order: null, random: bpLive.mulberry32(c.seed),
          sumJ: 0, sumDelta: {}, loss: [], deltaNorm, diverged: null,
          scratch: {}, batchOf: {}};
}

// The batch of the next iteration: the whole set, or the next B columns of
// this epoch's shuffled order (a new order at the start of every epoch).
function nextBatch(run, data, c) {
  if (c.batch === null || c.batch >= data.m) return {X: data.X, Y: data.Y, m: data.m};
  if (run.start === 0) {
    run.order = Array.from({length: data.m}, (_, i) => i);
    for (let i = data.m - 1; i > 0; i--) {                  // Fisher–Yates
      const j = Math.floor(run.random() * (i + 1));
      [run.order[i], run.order[j]] = [run.order[j], run.order[i]];
    }
  }
  const idx = run.order.slice(run.start, run.start + c.batch), mb = idx.length;
  const slot = run.batchOf[mb] ??= {X: bpLive.mat(2, mb), Y: bpLive.mat(data.Y.rows, mb)};
  idx.forEach((col, j) => {
    for (let r = 0; r < 2; r++) slot.X.data[r * mb + j] = data.X.data[r * data.m + col];
    for (let r = 0; r < data.Y.rows; r++) slot.Y.data[r * mb + j] = data.Y.data[r * data.m + col];
  });
  return {X: slot.X, Y: slot.Y, m: mb};
}

// One iteration: steps 1–5 on one batch. Returns false when J is not finite
// (the run stops before that update, as bp.train does).
function iterate(run, data, c) {
  const batch = nextBatch(run, data, c), net = run.net;
  const s = run.scratch[batch.m] ??= {trace: {z: {}, a: {}}, grads: {delta: {}, dW: {}, db: {}}};
  const trace = bpLive.forward(net, batch.X, {check: false, into: s.trace});          // step 1
  const J = bpLive.lossValue(net, trace, batch.Y, c.loss, {check: false});
  if (!Number.isFinite(J)) {
    run.diverged = {J, epoch: run.epoch + 1};
    return false;
  }
  const grads = bpLive.backward(net, trace, batch.Y, c.loss, {check: false, into: s.grads}); // steps 2–4
  for (let l = 1; l <= net.L; l++)
    run.sumDelta[l] = (run.sumDelta[l] ?? 0) + norm(grads.delta[l]) * batch.m;
  bpLive.update(net, grads, c.lr);                                                        // step 5
  run.iteration++;
  run.sumJ += J * batch.m;
  run.start += batch.m;
  if (run.start >= data.m) {                       // the epoch is complete: record it
    run.loss.push(run.sumJ / data.m);
    for (let l = 1; l <= net.L; l++) run.deltaNorm[l].push(run.sumDelta[l] / data.m);
    Object.assign(run, {epoch: run.epoch + 1, start: 0, sumJ: 0, sumDelta: {}});
  }
  return true;
}

// The next iteration's numbers at the current parameters, on the whole set:
// what the panel of the five steps and the summary show.
function evaluate(pg) {
  const {run, data, config: c} = pg;
  if (data.m === 0) return null;
  const trace = bpLive.forward(run.net, data.X, {check: false, into: pg.view.trace});
  const J = bpLive.lossValue(run.net, trace, data.Y, c.loss, {check: false});
  const grads = bpLive.backward(run.net, trace, data.Y, c.loss, {check: false, into: pg.view.grads});
  const predicted = bpLive.classes(trace.a[run.net.L]);
  const accuracy = predicted.filter((k, i) => k === data.labels[i]).length / data.m;
  return {trace, J, grads, accuracy};
}

// ------------------------------------------------------------------ colours
// The book's palette, from playground.css (its custom properties carry
// bpcore/viz/style.py's colours, and their dark-mode counterparts).
function palette(root) {
  const css = getComputedStyle(root), get = name => css.getPropertyValue(name).trim();
  const names = ["positive", "negative", "current", "curve", "class0", "class1", "ink",
                 "muted", "paper", "grid", "layer1", "layer2", "layer3", "layer4"];
  return Object.fromEntries(names.map(n => [n, get(`--bp-${n}`)]));
}

// [r, g, b] of any CSS colour (the canvas normalises it to #rrggbb)
const probe = document.createElement("canvas").getContext("2d");
function rgb(colour) {
  probe.fillStyle = "#000";
  probe.fillStyle = colour;
  const h = probe.fillStyle;
  return [1, 3, 5].map(i => parseInt(h.slice(i, i + 2), 16));
}

const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));
const css = c => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

// ------------------------------------------------------------------ drawing
// A canvas drawn at the size the page gives it, sharp on HiDPI screens. The
// size comes from a ResizeObserver (sizes): reading clientWidth in every frame
// would make the browser lay out the page again after each text update.
const sizes = new WeakMap();
const sizeObserver = new ResizeObserver(entries => {
  for (const e of entries) {
    sizes.set(e.target, {w: e.contentRect.width, h: e.contentRect.height});
    e.target.dispatchEvent(new Event("bp-resize"));
  }
});

function context(canvas) {
  const dpr = Math.min(window.devicePixelRatio || 1, 2);
  const {w, h} = sizes.get(canvas) ?? {w: canvas.clientWidth || 300, h: canvas.clientHeight || 150};
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = canvas.getContext("2d");
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return {ctx, w, h};
}

// The plane: the heat map of P(class 1) — ŷ with a sigmoid output, ŷ₁ with
// softmax — tinting the page towards class 1's colour above ½ and class 0's
// below, the examples on top in their class colours, example i ringed.
function drawPlane(pg, colours) {
  const {ctx, w, h} = context(pg.el.plane), {data, win, run, config: c} = pg;
  const out = bpLive.forward(run.net, pg.grid, {check: false, into: pg.gridTrace}).a[run.net.L];
  const row = c.loss === "mse" ? 0 : 1, img = pg.heat.ctx.createImageData(GRID, GRID);
  const paper = rgb(colours.paper), c0 = rgb(colours.class0), c1 = rgb(colours.class1);
  for (let k = 0; k < GRID; k++)
    for (let j = 0; j < GRID; j++) {
      const p = out.data[row * out.cols + j + GRID * k];
      const tint = p >= 0.5 ? mix(paper, c1, 0.9 * (p - 0.5)) : mix(paper, c0, 0.9 * (0.5 - p));
      const at = 4 * (j + GRID * (GRID - 1 - k));                     // x₂ grows upwards
      img.data.set([...tint, 255], at);
    }
  pg.heat.ctx.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(pg.heat.canvas, 0, 0, w, h);
  const r = data.m <= 20 ? 7 : 3.5, toX = x => (x - win.x0) / win.size * w;
  const toY = y => h - (y - win.y0) / win.size * h;
  ctx.lineWidth = 1;
  ctx.strokeStyle = colours.ink;
  for (let i = 0; i < data.m; i++) {
    ctx.beginPath();
    ctx.arc(toX(data.X.data[i]), toY(data.X.data[data.m + i]), r, 0, 2 * Math.PI);
    ctx.fillStyle = data.labels[i] === 1 ? colours.class1 : colours.class0;
    ctx.fill();
    ctx.stroke();
  }
  if (data.m) {
    const i = c.i - 1;
    ctx.beginPath();
    ctx.arc(toX(data.X.data[i]), toY(data.X.data[data.m + i]), r + 4, 0, 2 * Math.PI);
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = colours.current;
    ctx.stroke();
  }
}

// The network: layer l's units in column l; the line from unit k of layer
// l−1 to unit j of layer l is W⁽ˡ⁾[j][k] — red if positive, blue if negative,
// width by |w| relative to the largest |w| of the network. Units are filled
// with example i's a⁽ˡ⁾ (red > 0, blue < 0, white ≈ 0).
function drawNetwork(pg, colours, trace) {
  const {ctx, w, h} = context(pg.el.network), net = pg.run.net, L = net.L;
  ctx.clearRect(0, 0, w, h);
  const top = 14, bottom = 22, maxN = Math.max(...net.sizes);
  const radius = Math.max(4, Math.min(11, (h - top - bottom) / (2.6 * maxN)));
  const x = l => 24 + (w - 48) * l / L;
  const y = (l, j) => top + (h - top - bottom) * (j + 0.5) / net.sizes[l];
  let big = 1e-12;
  for (let l = 1; l <= L; l++) for (const v of net.W[l].data) big = Math.max(big, Math.abs(v));
  for (let l = 1; l <= L; l++) {
    const W = net.W[l];
    for (let j = 0; j < W.rows; j++)
      for (let k = 0; k < W.cols; k++) {
        const v = W.data[j * W.cols + k];
        ctx.beginPath();
        ctx.moveTo(x(l - 1), y(l - 1, k));
        ctx.lineTo(x(l), y(l, j));
        ctx.strokeStyle = v >= 0 ? colours.positive : colours.negative;
        ctx.lineWidth = 0.4 + 4.6 * Math.abs(v) / big;
        ctx.stroke();
      }
  }
  const paper = rgb(colours.paper), pos = rgb(colours.positive), neg = rgb(colours.negative);
  const i = pg.config.i - 1;
  ctx.font = "12px sans-serif";
  ctx.textAlign = "center";
  for (let l = 0; l <= L; l++) {
    for (let j = 0; j < net.sizes[l]; j++) {
      const a = trace && pg.data.m ? trace.a[l].data[j * pg.data.m + i] : 0;
      const t = Math.min(1, Math.abs(a));
      ctx.beginPath();
      ctx.arc(x(l), y(l, j), radius, 0, 2 * Math.PI);
      ctx.fillStyle = css(mix(paper, a >= 0 ? pos : neg, t));
      ctx.fill();
      ctx.lineWidth = 1;
      ctx.strokeStyle = colours.ink;
      ctx.stroke();
    }
    ctx.fillStyle = colours.ink;
    ctx.fillText(l === 0 ? "x" : l === L ? "ŷ" : layer("a", l), x(l), h - 6);
  }
}

// A chart of series against the epoch, J or ‖δ‖ on a log axis. With more
// epochs than pixels, each pixel column draws the range of its epochs, so
// oscillations stay visible.
function drawChart(canvas, colours, series, yLabel) {
  const {ctx, w, h} = context(canvas);
  ctx.clearRect(0, 0, w, h);
  const left = 40, right = 38, top = 8, bottom = 20, pw = w - left - right, ph = h - top - bottom;
  let lo = Infinity, hi = -Infinity, n = 0;
  for (const s of series) {
    n = Math.max(n, s.values.length);
    for (const v of s.values) if (v > 0 && Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  }
  ctx.font = "11px sans-serif";
  ctx.fillStyle = colours.muted;
  ctx.strokeStyle = colours.grid;
  ctx.lineWidth = 1;
  ctx.strokeRect(left, top, pw, ph);
  ctx.textAlign = "center";
  ctx.fillText(n ? `epoch 1–${n}` : "epoch", left + pw / 2, h - 5);
  ctx.save();
  ctx.translate(11, top + ph / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(yLabel, 0, 0);
  ctx.restore();
  if (!(hi > 0)) return;
  let e0 = Math.floor(Math.log10(lo)), e1 = Math.ceil(Math.log10(hi));
  if (e1 === e0) e1 = e0 + 1;
  const Y = v => top + ph * (e1 - Math.log10(Math.max(v, 10 ** e0))) / (e1 - e0);
  ctx.textAlign = "right";
  const step = Math.ceil((e1 - e0) / 4);
  for (let e = e0; e <= e1; e += step) {
    ctx.fillStyle = colours.muted;
    ctx.fillText(`10${sup(e)}`, left - 3, Y(10 ** e) + 4);
    ctx.beginPath();
    ctx.moveTo(left, Y(10 ** e));
    ctx.lineTo(left + pw, Y(10 ** e));
    ctx.strokeStyle = colours.grid;
    ctx.stroke();
  }
  ctx.textAlign = "left";
  for (const s of series) {
    const v = s.values;
    if (!v.length) continue;
    ctx.beginPath();
    const cols = Math.min(v.length, Math.floor(pw));
    for (let p = 0; p < cols; p++) {
      const i0 = Math.floor(p * v.length / cols), i1 = Math.max(i0 + 1, Math.floor((p + 1) * v.length / cols));
      let a = Infinity, b = -Infinity;
      for (let i = i0; i < i1; i++) { a = Math.min(a, v[i]); b = Math.max(b, v[i]); }
      const px = left + (cols === 1 ? pw : pw * p / (cols - 1));
      if (p === 0) ctx.moveTo(px, Y(v[0])); else ctx.lineTo(px, Y(a));
      if (b !== a) ctx.lineTo(px, Y(b));
    }
    ctx.strokeStyle = s.colour;
    ctx.lineWidth = 1.8;
    ctx.stroke();
    ctx.fillStyle = s.colour;
    ctx.fillText(s.label, left + pw + 3, Math.min(top + ph, Math.max(top + 8, Y(v.at(-1)) + 4)));
  }
}

// --------------------------------------------------------- the five steps
// The equations of the next iteration, with example i's numbers (steps 1–3:
// column i of z⁽ˡ⁾, a⁽ˡ⁾, δ⁽ˡ⁾) and the batch's (step 4: sums over the m
// examples; step 5: the update they give). Unicode, no MathJax: it changes
// several times a second.
function stepsHTML(pg, ev) {
  const {run, data, config: c} = pg, net = run.net, L = net.L, i = c.i - 1, m = data.m;
  const esc = s => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const eq = s => `<div class="bp-play-eq">${esc(s)}</div>`;
  const note = s => `<div class="bp-play-eqnote">${esc(s)}</div>`;
  const step = (n, title, body) =>
    `<li><span class="bp-play-step">${esc(fill(T.stepHead, {n, title}))}</span>${body}</li>`;
  const sigma = l => net.activations[l];
  const y = column(data.Y, i), yHat = column(ev.trace.a[L], i);
  let s1 = eq(joined(T.clauses, [`${layer("a", 0)} = x${sub(c.i)} = ${vec(column(data.X, i))}`,
                                  `y${sub(c.i)} = ${vec(y)}`]));
  for (let l = 1; l <= L; l++) {
    s1 += eq(`${layer("z", l)} = ${layer("W", l)}${layer("a", l - 1)} + ${layer("b", l)} = ${vec(column(ev.trace.z[l], i))}`);
    s1 += eq(`${layer("a", l)} = ${sigma(l)}(${layer("z", l)}) = ${vec(column(ev.trace.a[l], i))}`
             + (l === L ? ` = ŷ${sub(c.i)}` : ""));
  }
  s1 += eq(fill(T.withM, {m, value: c.loss === "mse"
    ? `J = (1/m) Σᵢ ½‖ŷᵢ − yᵢ‖² = ${fmt(ev.J, 4)}`
    : `J = −(1/m) Σᵢ Σₖ yₖᵢ log ŷₖᵢ = ${fmt(ev.J, 4)}`}));
  const dL = column(ev.grads.delta[L], i);
  const s2 = c.loss === "mse"
    ? eq(`${layer("δ", L)} = ∂J/∂ŷ ⊙ σ′(${layer("z", L)}) = (ŷ${sub(c.i)} − y${sub(c.i)})/m ⊙ ŷ${sub(c.i)}(1 − ŷ${sub(c.i)}) = `
         + `${vec(yHat.map((v, k) => (v - y[k]) / m))} ⊙ ${vec(yHat.map(v => v * (1 - v)))} = ${vec(dL)}`)
    : eq(`${layer("δ", L)} = (ŷ${sub(c.i)} − y${sub(c.i)})/m = ${vec(dL)}`);
  let s3 = "";
  for (let l = L - 1; l >= 1; l--)
    s3 += eq(`${layer("δ", l)} = (${layer("W", l + 1)})ᵀ${layer("δ", l + 1)} ⊙ ${sigma(l)}′(${layer("z", l)}) = ${vec(column(ev.grads.delta[l], i))}`);
  if (L === 1) s3 = note(T.noHidden);
  let s4 = "", s5 = "";
  for (let l = L; l >= 1; l--) {
    const dW = ev.grads.dW[l], db = ev.grads.db[l];
    let at = 0;
    dW.data.forEach((v, k) => { if (Math.abs(v) > Math.abs(dW.data[at])) at = k; });
    const j = Math.floor(at / dW.cols), k = at % dW.cols, name = `${layer("W", l)}${sub(j + 1)},${sub(k + 1)}`;
    const w = net.W[l].data[at];
    const product = joined(T.clauses, [`∂J/∂${layer("b", l)} = Σᵢ ${layer("δ", l)}ᵢ = ${vec(db.data)}`,
                                       `∂J/∂${layer("W", l)} = ${layer("δ", l)}(${layer("a", l - 1)})ᵀ`]);
    s4 += eq(fill(T.largest, {product, entry: `∂J/∂${name} = ${fmt(dW.data[at])}`}));
    s5 += eq(`${name} ← ${name} − η ∂J/∂${name} = ${fmt(w)} − ${fmt(c.lr)} × ${fmt(dW.data[at])} = ${fmt(w - c.lr * dW.data[at])}`);
  }
  const bL = net.b[L].data, dbL = ev.grads.db[L].data, b = layer("b", L);
  s5 += eq(`${b} ← ${b} − η ∂J/∂${b} = ${vec(bL)} − ${fmt(c.lr)} × ${vec(dbL)} = ${vec(bL.map((v, r) => v - c.lr * dbL[r]))}`);
  s5 += note(T.others);
  const batchNote = c.batch !== null && c.batch < m
    ? note(fill(T.miniBatch, {m, B: c.batch})) : "";
  return `<p class="bp-play-panelhead">${esc(fill(T.panelHead, {n: run.iteration + 1, i: c.i}))}</p>`
    + `${batchNote}<ol>` + step(1, T.stepForward, s1) + step(2, T.stepOutput, s2)
    + step(3, T.stepBack, s3) + step(4, fill(T.stepGrads, {m}), s4)
    + step(5, fill(T.stepUpdate, {lr: fmt(c.lr)}), s5) + "</ol>";
}

// ---------------------------------------------------------------- controls
let instances = 0;

function element(tag, attrs = {}, children = []) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") el.textContent = v; else el.setAttribute(k, v);
  }
  el.append(...children);
  return el;
}

// A labelled control: <div class="bp-play-field"><label for=id>text</label>control</div>
function field(id, text, control) {
  control.id = id;
  return element("div", {class: "bp-play-field"}, [element("label", {for: id, text}), control]);
}

function select(options) {
  return element("select", {}, options.map(([value, text]) => element("option", {value, text})));
}

function numberInput(attrs) {
  return element("input", {type: "number", inputmode: "decimal", ...attrs});
}

// Builds the playground's DOM inside root; returns its elements by name.
function build(root, page) {
  const n = ++instances, id = name => `bp-play${n}-${name}`, ch = page.choices, el = {};
  el.data = select(Object.entries(T.data).filter(([k]) => k in page.datasets || k === "custom"));
  el.layers = select(Array.from({length: ch.maxHidden + 1}, (_, k) => [String(k), String(k)]));
  el.widths = Array.from({length: ch.maxHidden}, () => numberInput({min: 1, max: ch.maxWidth, step: 1}));
  el.act = select(ch.activations.map(a => [a, a]));
  el.loss = select(Object.entries(T.loss));
  el.lr = numberInput({min: 0, step: "any"});
  el.batch = select([["all", T.fullBatch], ...ch.batches.map(b => [String(b), String(b)])]);
  el.seed = numberInput({min: 0, max: ch.seeds - 1, step: 1});
  el.speed = select(ch.speeds.map(s => [String(s), String(s)]));
  el.i = numberInput({min: 1, step: 1});
  el.cls = select(T.classes.map((text, k) => [String(k), text]));
  el.x1 = numberInput({step: "any", value: "0"});
  el.x2 = numberInput({step: "any", value: "0"});
  const button = (text, attrs = {}) => element("button", {type: "button", text, ...attrs});
  el.add = button(T.add);
  el.clear = button(T.clear);
  el.play = button(T.play, {class: "bp-play-main"});
  el.step = button(T.step, {title: T.stepTitle});
  el.reset = button(T.reset, {title: T.resetTitle});
  el.copy = button(T.copy, {title: T.copyTitle});
  el.url = element("input", {type: "text", readonly: "", hidden: "", "aria-label": T.urlName});
  el.status = element("p", {class: "bp-play-status", role: "status"});
  el.summary = element("p", {class: "bp-play-summary", "aria-hidden": "true"});
  el.live = element("div", {class: "bp-play-live", "aria-live": "polite", "aria-atomic": "true"});
  el.plane = element("canvas", {class: "bp-play-plane", role: "img"});
  el.network = element("canvas", {class: "bp-play-network", role: "img"});
  el.lossChart = element("canvas", {class: "bp-play-chart", role: "img"});
  el.deltaChart = element("canvas", {class: "bp-play-chart", role: "img"});
  el.steps = element("div", {class: "bp-play-steps"});

  const widths = el.widths.map((w, k) =>
    field(id(`width${k + 1}`), fill(T.fieldWidth, {k: k + 1, n_k: `n${sub(k + 1)}`}), w));
  el.widthFields = widths;
  el.customFields = element("div", {class: "bp-play-custom", role: "group", "aria-label": T.ownPoints}, [
    element("p", {class: "bp-play-hint", text: T.hint}),
    field(id("cls"), T.fieldClass, el.cls), field(id("x1"), "x₁", el.x1), field(id("x2"), "x₂", el.x2),
    el.add, el.clear]);
  const figure = (canvas, caption) => element("figure", {}, [canvas, element("figcaption", {text: caption})]);
  root.replaceChildren(
    element("div", {class: "bp-play-controls", role: "group", "aria-label": T.settings}, [
      field(id("data"), T.fieldData, el.data), field(id("layers"), T.fieldLayers, el.layers), ...widths,
      field(id("act"), T.fieldAct, el.act), field(id("loss"), T.fieldLoss, el.loss),
      field(id("lr"), T.fieldLr, el.lr), field(id("batch"), T.fieldBatch, el.batch),
      field(id("seed"), T.fieldSeed, el.seed),
      field(id("speed"), T.fieldSpeed, el.speed), field(id("i"), T.fieldExample, el.i)]),
    el.customFields,
    element("div", {class: "bp-play-buttons"}, [el.play, el.step, el.reset, el.copy, el.url]),
    el.status, el.summary, el.live,
    element("div", {class: "bp-play-views"}, [
      figure(el.plane, T.captionPlane), figure(el.network, T.captionNetwork),
      figure(el.lossChart, T.captionLoss), figure(el.deltaChart, T.captionDelta)]),
    element("section", {class: "bp-play-stepsbox", "aria-label": T.stepsName}, [el.steps]));
  return el;
}

// The controls show configuration c.
function showConfig(el, c) {
  el.data.value = c.data;
  el.layers.value = String(c.hidden.length);
  el.widths.forEach((w, k) => {
    if (k < c.hidden.length) w.value = String(c.hidden[k]);
    else if (!w.value) w.value = "8";
  });
  showLayout(el, c);
  el.act.value = c.act;
  el.loss.value = c.loss;
  el.lr.value = String(c.lr);
  el.batch.value = c.batch === null ? "all" : String(c.batch);
  el.seed.value = String(c.seed);
  el.speed.value = String(c.speed);
  el.i.value = String(c.i);
  for (const input of [el.lr, el.seed, el.i, ...el.widths]) input.removeAttribute("aria-invalid");
}

// Only the fields configuration c uses are shown: its layers' widths, the
// inputs for the reader's own points.
function showLayout(el, c) {
  el.widthFields.forEach((f, k) => { f.hidden = k >= c.hidden.length; });
  el.customFields.hidden = c.data !== "custom";
}

// The configuration the controls show, starting from c; wrong entries keep
// c's value, are marked aria-invalid and named in the returned errors.
function readControls(el, c, page) {
  const next = structuredClone(c), errors = [];
  const check = (input, ok, message) => {
    if (ok) input.removeAttribute("aria-invalid");
    else { input.setAttribute("aria-invalid", "true"); errors.push(message); }
    return ok;
  };
  const whole = (input, lo, hi, what) => {
    const v = Number(input.value);
    return check(input, input.value !== "" && Number.isInteger(v) && v >= lo && v <= hi,
                 fill(T.notWhole, {what, lo, hi})) ? v : null;
  };
  next.data = el.data.value;
  next.hidden = [];
  for (let k = 0; k < Number(el.layers.value); k++)
    next.hidden.push(whole(el.widths[k], 1, page.choices.maxWidth, fill(T.width, {k: k + 1})) ?? c.hidden[k] ?? 8);
  next.act = el.act.value;
  next.loss = el.loss.value;
  const lr = Number(el.lr.value);
  if (check(el.lr, el.lr.value !== "" && Number.isFinite(lr) && lr > 0, T.badLr)) next.lr = lr;
  next.batch = el.batch.value === "all" ? null : Number(el.batch.value);
  next.seed = whole(el.seed, 0, page.choices.seeds - 1, T.seed) ?? c.seed;
  next.speed = Number(el.speed.value);
  next.i = whole(el.i, 1, Math.max(1, examples(page, next).m), T.example) ?? c.i;
  return {config: next, errors};
}

// ---------------------------------------------------------------- the page
// One playground: its configuration, data, run, and what it shows.
function start(root) {
  const page = JSON.parse(root.querySelector(".bp-playground-data").textContent);
  T = page.words;
  const el = build(root, page);
  const heat = document.createElement("canvas");
  heat.width = heat.height = GRID;
  const pg = {page, el, playing: false, frames: 0, config: null, data: null,
              run: null, win: null, grid: null, gridTrace: {z: {}, a: {}},
              heat: {canvas: heat, ctx: heat.getContext("2d")},
              view: {trace: {z: {}, a: {}}, grads: {delta: {}, dW: {}, db: {}}},
              ev: null, shown: {summary: 0, panel: 0, live: 0}, colours: palette(root), work: []};
  const defaults = parseConfig(root.dataset.config, BASE, page.choices, page.datasets).config;

  // --- configuration: apply, reset, the URL hash
  function setData(c) {
    pg.data = examples(page, c);
    pg.win = windowOf(pg.data, c);
    pg.grid = gridOf(pg.win);
  }

  function reset() {
    pause();
    pg.run = newRun(page, pg.config);
    pg.ev = null;
    render(true);
  }

  // Makes c the configuration. From the controls (fromControls), they show
  // it already, but for the fields it hides or shows and a wrong entry,
  // which stays as typed (marked aria-invalid) for the reader to correct.
  function apply(c, {resetRun = true, errors = [], fromControls = false} = {}) {
    const old = pg.config;
    pg.config = c;
    if (!old || old.data !== c.data || old.loss !== c.loss || c.data === "custom") setData(c);
    if (pg.data.m && c.i > pg.data.m) c.i = 1;
    if (fromControls) {
      showLayout(el, c);
      if (!el.i.hasAttribute("aria-invalid")) el.i.value = String(c.i);
    } else showConfig(el, c);
    if (resetRun || !pg.run) reset(); else render(true);
    writeHash();
    status(joined(T.clauses, errors));
  }

  function writeHash() {
    if (!IN_BOOK) return;
    const h = `#${formatConfig(pg.config)}`;
    if (location.hash !== h) history.replaceState(history.state, "", location.pathname + location.search + h);
  }

  // The URL's configuration: a ready one by name (#play-xor, a target beside
  // its explanation in the chapter), or key:value pairs; any other anchor is
  // left to the page.
  function fromHash(scroll) {
    const h = decodeURIComponent(location.hash.replace(/^#/, ""));
    if (Object.hasOwn(page.presets, h)) {
      apply(parseConfig(page.presets[h], defaults, page.choices, page.datasets).config);
      if (scroll) root.scrollIntoView({block: "start"});
      status(fill(T.loaded, {title: presetTitle(h)}));
      return true;
    }
    if (h.includes(":")) {
      const {config, errors} = parseConfig(h, defaults, page.choices, page.datasets);
      apply(config, {errors});
      return true;
    }
    return false;
  }

  // a ready configuration's name: the heading of the section that holds its
  // id (the link that loads it), if any
  function presetTitle(id) {
    const heading = document.getElementById(id)?.closest("section")?.querySelector("h1, h2, h3, h4, h5");
    if (!heading) return id;
    const copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(a => a.remove());
    return copy.textContent.trim();
  }

  function changed() {
    const {config: c, errors} = readControls(el, pg.config, page), o = pg.config;
    const structural = c.data !== o.data || c.loss !== o.loss || c.act !== o.act || c.seed !== o.seed
      || c.hidden.join() !== o.hidden.join();
    apply(c, {resetRun: structural, errors, fromControls: true});
  }

  // --- playing
  function play() {
    if (pg.playing || !pg.data.m) return;
    pg.playing = true;
    el.play.textContent = T.pause;
    requestAnimationFrame(frame);
  }

  function pause() {
    if (!pg.playing) return;
    pg.playing = false;
    el.play.textContent = T.play;
    render(true);
  }

  function advance(n) {
    for (let k = 0; k < n; k++) {
      if (!iterate(pg.run, pg.data, pg.config)) {
        pause();
        status(fill(T.diverged, {epoch: pg.run.diverged.epoch, J: fmt(pg.run.diverged.J)}));
        return false;
      }
    }
    return true;
  }

  // one frame while playing: `speed` iterations, then the drawing; its time
  // (ms) is kept for the last WORK_FRAMES frames (bench/live_frames.py reads them)
  function frame() {
    if (!pg.playing) return;
    const t = performance.now();
    pg.frames++;
    if (advance(pg.config.speed)) render(false);
    pg.work.push(performance.now() - t);
    if (pg.work.length > WORK_FRAMES) pg.work.shift();
    if (pg.playing) requestAnimationFrame(frame);
  }

  // --- what the page shows
  function status(text) {
    if (el.status.textContent !== text) el.status.textContent = text;
  }

  function render(now) {
    const t = performance.now();
    const due = key => now || t - pg.shown[key] >= {summary: SUMMARY_MS, panel: PANEL_MS, live: LIVE_MS}[key];
    const ev = (due("summary") || due("panel") || due("live")) && pg.data.m ? evaluate(pg) : null;
    if (ev) pg.ev = ev;
    drawPlane(pg, pg.colours);
    drawNetwork(pg, pg.colours, pg.ev && pg.ev.trace);
    const L = pg.run.net.L, trained = pg.run.loss.length > 0;
    el.lossChart.parentElement.classList.toggle("bp-play-empty", !trained);
    el.deltaChart.parentElement.classList.toggle("bp-play-empty", !trained);
    drawChart(el.lossChart, pg.colours, [{values: pg.run.loss, colour: pg.colours.curve, label: "J"}], "J");
    drawChart(el.deltaChart, pg.colours, Array.from({length: L}, (_, k) => ({
      values: pg.run.deltaNorm[k + 1], colour: pg.colours[`layer${k + 1}`], label: layer("δ", k + 1)})), "‖δ‖");
    if (!pg.data.m) {
      el.summary.textContent = T.noData;
      el.steps.textContent = "";
      return;
    }
    const e = pg.run.epoch, J = ev && fmt(ev.J, 4), acc = ev && percent(ev.accuracy);
    const sentence = ev && fill(T.sentence, {e, J, acc});
    if (ev && due("summary")) {
      el.summary.textContent = fill(T.summary, {e, J, acc, t: pg.run.iteration});
      pg.shown.summary = t;
    }
    if (ev && due("panel")) {
      el.steps.innerHTML = stepsHTML(pg, ev);
      pg.shown.panel = t;
    }
    if (ev && due("live")) {
      if (el.live.textContent !== sentence) el.live.textContent = sentence;
      describe(ev);
      pg.shown.live = t;
    }
  }

  // the canvases' text alternatives (at most once a second)
  function describe(ev) {
    const c = pg.config, net = pg.run.net, counts = [0, 1].map(k => pg.data.labels.filter(y => y === k).length);
    el.plane.setAttribute("aria-label", fill(T.altPlane, {
      data: T.data[c.data], m: pg.data.m, n0: counts[0], n1: counts[1],
      acc: percent(ev.accuracy), i: c.i}));
    el.network.setAttribute("aria-label", fill(T.altNetwork, {
      sizes: net.sizes.join("-"), act: c.act, out: OUTPUT[c.loss]}));
    const J = pg.run.loss;
    el.lossChart.setAttribute("aria-label", J.length
      ? fill(T.altLoss, {n: J.length, J0: fmt(J[0], 4), J: fmt(J.at(-1), 4)}) : T.untrainedLoss);
    const norms = Array.from({length: net.L}, (_, k) =>
      `‖${layer("δ", k + 1)}‖ = ${fmt(pg.run.deltaNorm[k + 1].at(-1))}`);
    el.deltaChart.setAttribute("aria-label", J.length
      ? fill(T.altDelta, {norms: joined(T.commas, norms)}) : T.untrainedDelta);
  }

  // --- events
  for (const name of ["data", "layers", "act", "loss", "lr", "batch", "seed", "speed", "i"])
    el[name].addEventListener("change", changed);
  el.widths.forEach(w => w.addEventListener("change", changed));
  el.play.addEventListener("click", () => (pg.playing ? pause() : play()));
  el.step.addEventListener("click", () => { pause(); if (pg.data.m && advance(1)) render(true); });
  el.reset.addEventListener("click", () => { reset(); status(""); });
  el.copy.addEventListener("click", () => copyLink());
  el.add.addEventListener("click", () => addPoint(Number(el.x1.value), Number(el.x2.value), Number(el.cls.value)));
  el.clear.addEventListener("click", () => apply({...pg.config, points: [], i: 1}));
  el.plane.addEventListener("click", e => {
    const box = el.plane.getBoundingClientRect();
    const x = pg.win.x0 + (e.clientX - box.left) / box.width * pg.win.size;
    const y = pg.win.y0 + (1 - (e.clientY - box.top) / box.height) * pg.win.size;
    if (pg.config.data === "custom") addPoint(x, y, Number(el.cls.value) ^ (e.shiftKey ? 1 : 0));
    else selectNearest(x, y);
  });
  new MutationObserver(() => { pg.colours = palette(root); render(true); })
    .observe(document.documentElement, {attributes: true, attributeFilter: ["data-theme"]});
  for (const canvas of [el.plane, el.network, el.lossChart, el.deltaChart]) {
    sizeObserver.observe(canvas);
    canvas.addEventListener("bp-resize", () => render(true));
  }
  if (IN_BOOK) window.addEventListener("hashchange", () => fromHash(true));

  // the reader's points: the run goes on with the same parameters on the new data
  function addPoint(x, y, k) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return status(T.notNumbers);
    const c = {...pg.config, points: [...pg.config.points, [x, y, k]]};
    apply(c, {resetRun: !pg.run || pg.data.m === 0});
    status(fill(T.added, {x: fmt(x), y: fmt(y), k, n: c.points.length}));
  }

  function selectNearest(x, y) {
    let best = 0, d = Infinity;
    for (let i = 0; i < pg.data.m; i++) {
      const dx = pg.data.X.data[i] - x, dy = pg.data.X.data[pg.data.m + i] - y;
      if (dx * dx + dy * dy < d) { d = dx * dx + dy * dy; best = i; }
    }
    apply({...pg.config, i: best + 1}, {resetRun: false});
  }

  function copyLink() {
    const url = location.href.replace(/#.*$/, "") + "#" + formatConfig(pg.config);
    const fallback = () => {
      el.url.hidden = false;
      el.url.value = url;
      el.url.focus();
      el.url.select();
      status(T.selected);
    };
    if (navigator.clipboard && window.isSecureContext)
      navigator.clipboard.writeText(url).then(() => status(T.copied), fallback);
    else fallback();
  }

  // A configuration named in the URL: show the playground once the page is
  // laid out (the browser's own jump to the anchor no longer applies, as the
  // hash has been rewritten; typeset maths above may still move it).
  if (IN_BOOK && fromHash(false)) {
    const show = () => root.scrollIntoView({block: "start"});
    if (document.readyState === "complete") show(); else window.addEventListener("load", show, {once: true});
    window.MathJax?.startup?.promise?.then(show);
  } else apply(defaults);
  const api = {
    get config() { return structuredClone(pg.config); }, get configText() { return formatConfig(pg.config); },
    get net() { return pg.run.net; },
    get loss() { return [...pg.run.loss]; }, get epoch() { return pg.run.epoch; },
    get iteration() { return pg.run.iteration; }, get frames() { return pg.frames; },
    get playing() { return pg.playing; }, get frameWork() { return [...pg.work]; },
    play, pause, reset,
    step: (n = 1) => { if (pg.data.m && advance(n)) render(true); },
  };
  root.bpPlayground = api;
  window.bpPlayground ??= api;
}

for (const root of document.querySelectorAll(".bp-playground:not([data-started])")) {
  root.setAttribute("data-started", "");
  start(root);
}
