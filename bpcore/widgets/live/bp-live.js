// bp-live.js: the five steps of backpropagation in the browser, bpcore's twin.
//
// The maths of bpcore/steps.py with the same names in camelCase, the same loop order and the
// same checks, in float64. A matrix ("Mat") is {rows, cols, data}, data a Float64Array in
// row-major order; a batch has one example per column. J is a batch mean, so δ[L] holds the 1/m.
//   1. forward         z[l] = W[l] a[l−1] + b[l], a[l] = σ_l(z[l]); lossValue: J(y, ŷ)
//   2. outputDelta     δ[L] = ∂J/∂ŷ ⊙ σ_L′(z[L])  (softmax with cross_entropy: (ŷ − y)/m)
//   3. backpropDeltas  δ[l] = W[l+1]ᵀ δ[l+1] ⊙ σ_l′(z[l]), l = L−1..1
//   4. paramGrads      dW[l] = δ[l] a[l−1]ᵀ, db[l] = δ[l] summed over the columns
//   5. update          W[l] ← W[l] − η dW[l], b[l] ← b[l] − η db[l]
// The steps take {check: false, into} to skip the input checks (bpcore's check=False) and to
// fill the Mats of `into` instead of new ones: train checks once and reuses its Mats.

const fail = message => { throw new Error(message); };
const show = v => (typeof v === "string" ? `'${v}'`
  : Array.isArray(v) ? `[${v.map(show).join(", ")}]` : String(v));
const shape = M => `(${M.rows}, ${M.cols})`;
const isList = A => Array.isArray(A) || (ArrayBuffer.isView(A) && !(A instanceof DataView));

// ----------------------------------------------------------------------------- matrices
// A (rows, cols) Mat: zeros, or a copy of `data` (rows·cols numbers, row-major).
export function mat(rows, cols, data = null) {
  if (data && data.length !== rows * cols) fail(`mat(${rows}, ${cols}) needs ${rows * cols} numbers, got ${data.length}`);
  return {rows, cols, data: data ? Float64Array.from(data) : new Float64Array(rows * cols)};
}

// A Mat from rows of numbers (a Mat passes as it is), checked as bpcore's checks.as_matrix
// checks an array: 2-D, numbers only, at least one column.
export function fromRows(rows, name = "A") {
  if (rows && rows.data instanceof Float64Array) return rows;
  if (!isList(rows) || !Array.from(rows).every(isList)) {
    fail(`${name} must be 2-D with one column per example: an array of rows of numbers`
      + (isList(rows) && rows.length ? "; for one example give one row per feature, [[x₁], [x₂], …], for a row of labels [[y₁, y₂, …]]" : ""));
  }
  const n = rows.length, m = n ? rows[0].length : 0, M = mat(n, m);
  if (m === 0) fail(`${name} has shape (${n}, 0): it holds no examples (0 columns)`);
  Array.from(rows).forEach((r, i) => {
    if (r.length !== m) fail(`${name} must be 2-D: its row 0 has ${m} numbers but row ${i} has ${r.length}`);
    Array.from(r).forEach((v, j) => {
      if (typeof v !== "number") fail(`${name} must be an array of numbers, but ${name}[${i}][${j}] is ${show(v)}`);
      M.data[i * m + j] = v;
    });
  });
  return M;
}

export const toRows = M => Array.from({length: M.rows},
  (_, i) => Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols)));

function finite(name, M, advice = "remove or impute them before training") {
  const bad = M.data.filter(v => !Number.isFinite(v)).length;
  if (bad) {
    const first = M.data.findIndex(v => !Number.isFinite(v));
    fail(`${name} contains ${bad} NaN or inf value(s), the first at index (${Math.floor(first / M.cols)}, ${first % M.cols}): ${advice}`);
  }
  return M;
}

// C[i][j] = c0[i] + Σ_k A(i, k) B(k, j), summed in k order, for i < n, j < m, k < p, where
// A(i, k) = a[i·ai + k·ak], B(k, j) = b[k·bk + j·bj], C[i][j] = c[i·ci + j·cj]: the strides
// make one loop serve A B, Aᵀ B and A Bᵀ. c0 is a bias (or 0). Four columns j at a time
// (four independent sums), so j should run along the longer side of C.
function gemm(n, m, p, a, ai, ak, b, bk, bj, c, ci, cj, c0 = null) {
  for (let i = 0; i < n; i++) {
    const start = c0 ? c0[i] : 0;
    let j = 0;
    for (; j + 3 < m; j += 4) {
      let s0 = start, s1 = start, s2 = start, s3 = start;
      for (let k = 0; k < p; k++) {
        const w = a[i * ai + k * ak], o = k * bk + j * bj;
        s0 += w * b[o]; s1 += w * b[o + bj]; s2 += w * b[o + 2 * bj]; s3 += w * b[o + 3 * bj];
      }
      const o = i * ci + j * cj;
      c[o] = s0; c[o + cj] = s1; c[o + 2 * cj] = s2; c[o + 3 * cj] = s3;
    }
    for (; j < m; j++) {
      let s = start;
      for (let k = 0; k < p; k++) s += a[i * ai + k * ak] * b[k * bk + j * bj];
      c[i * ci + j * cj] = s;
    }
  }
}
const matmul = (A, B, C, c0) => gemm(A.rows, B.cols, A.cols, A.data, A.cols, 1, B.data, B.cols, 1,
  C.data, C.cols, 1, c0);
const matmulTA = (A, B, C) => gemm(A.cols, B.cols, A.rows, A.data, 1, A.cols, B.data, B.cols, 1,
  C.data, C.cols, 1);
// C = A Bᵀ; when B has fewer rows than A (dW[1] of a 2-input net), as Cᵀ = B Aᵀ: the same sums
const matmulTB = (A, B, C) => (B.rows >= A.rows
  ? gemm(A.rows, B.rows, A.cols, A.data, A.cols, 1, B.data, 1, B.cols, C.data, C.cols, 1)
  : gemm(B.rows, A.rows, A.cols, B.data, B.cols, 1, A.data, 1, A.cols, C.data, 1, C.cols));

// d[key] if it is a (rows, cols) Mat, else a new one stored there
function slot(d, key, rows, cols) {
  const M = d[key];
  return M && M.rows === rows && M.cols === cols ? M : (d[key] = mat(rows, cols));
}

// -------------------------------------------------------------- activations σ and σ′
// tanh as the Cephes library computes it: 1 − 2/(e^(2|x|) + 1), odd, for |x| ≥ 0.625, else
// x + x³ P(x²)/Q(x²). Within 2 ulp of Math.tanh, which costs twice as much in Chromium.
function tanh(x) {
  const z = Math.abs(x), s = x * x;
  if (z >= 0.625) { const t = 1 - 2 / (Math.exp(2 * z) + 1); return x < 0 ? -t : t; }
  return x + x * s * (((-9.64399179425052238628e-1 * s - 9.92877231001918586564e1) * s
    - 1.61468768441708447952e3) / (((s + 1.12811678491632931402e2) * s
    + 2.23548839060100448583e3) * s + 4.84406305325125486048e3));
}

// The maximum of column j of z (n, m): softmax and log softmax subtract it, so that no
// exponential overflows
function columnMax(z, n, m, j) {
  let max = -Infinity;
  for (let k = 0; k < n; k++) max = Math.max(max, z[k * m + j]);
  return max;
}

// f(Z, A): A = σ(Z); timesDf(Z, A, D): D ⊙= σ′(Z), given A = σ(Z) (bpcore/activations.py)
const ACTIVATIONS = {
  sigmoid: {init: "glorot",   // σ(z) = (1 + tanh(z/2))/2: never overflows
    f: (Z, A) => { const z = Z.data, a = A.data; for (let i = 0; i < z.length; i++) a[i] = 0.5 * (1 + tanh(0.5 * z[i])); },
    timesDf: (Z, A, D) => { const a = A.data, d = D.data; for (let i = 0; i < d.length; i++) d[i] *= a[i] * (1 - a[i]); }},
  tanh: {init: "glorot",
    f: (Z, A) => { const z = Z.data, a = A.data; for (let i = 0; i < z.length; i++) a[i] = tanh(z[i]); },
    timesDf: (Z, A, D) => { const a = A.data, d = D.data; for (let i = 0; i < d.length; i++) d[i] *= 1 - a[i] * a[i]; }},
  relu: {init: "he",          // relu′(0) = 0
    f: (Z, A) => { const z = Z.data, a = A.data; for (let i = 0; i < z.length; i++) a[i] = z[i] > 0 ? z[i] : 0; },
    timesDf: (Z, A, D) => { const z = Z.data, d = D.data; for (let i = 0; i < d.length; i++) d[i] *= z[i] > 0 ? 1 : 0; }},
  identity: {init: "glorot", f: (Z, A) => A.data.set(Z.data), timesDf: () => {}},
  softmax: {init: "glorot",   // per column; no elementwise σ′ (step 2 uses (ŷ − y)/m)
    f: (Z, A) => {
      const {rows: n, cols: m} = Z, z = Z.data, a = A.data;
      for (let j = 0; j < m; j++) {
        const max = columnMax(z, n, m, j);
        let sum = 0;
        for (let k = 0; k < n; k++) sum += (a[k * m + j] = Math.exp(z[k * m + j] - max));
        for (let k = 0; k < n; k++) a[k * m + j] /= sum;
      }
    }},
};

// ----------------------------------------------------------------- losses J (batch means)
// D = (ŷ − y)/m: ∂J/∂ŷ of mse, and δ[L] of softmax with cross_entropy
function meanError(Y, yHat, D) {
  const y = Y.data, h = yHat.data, d = D.data, m = Y.cols;
  for (let i = 0; i < d.length; i++) d[i] = (h[i] - y[i]) / m;
}
const LOSSES = {
  mse: {output: null, grad: meanError,   // J = (1/m) Σᵢ ½‖ŷᵢ − yᵢ‖²
    value: (Y, yHat) => {
      let s = 0;
      for (let i = 0; i < Y.data.length; i++) { const e = yHat.data[i] - Y.data[i]; s += e * e; }
      return 0.5 * s / Y.cols;
    }},
  cross_entropy: {output: "softmax", delta: meanError,   // J = −(1/m) Σ y log ŷ, from z[L]: never log 0
    value: (Y, yHat, zL) => {
      const {rows: n, cols: m} = zL, z = zL.data, y = Y.data;
      let s = 0;
      for (let j = 0; j < m; j++) {
        const max = columnMax(z, n, m, j);
        let sum = 0;
        for (let k = 0; k < n; k++) sum += Math.exp(z[k * m + j] - max);
        for (let k = 0; k < n; k++) s += y[k * m + j] * (z[k * m + j] - max - Math.log(sum));
      }
      return -s / m;
    }},
};

// ---------------------------------------------------------------------------- checks
function known(table, what, name) {
  if (!Object.hasOwn(table, name)) {
    const names = Object.keys(table).map(show);
    fail(`unknown ${what} ${show(name)}: use ${what === "loss" ? names.join(" or ") : `one of ${names.join(", ")}`}`);
  }
  return name;
}

function inputs(net, X) {
  X = finite("X", fromRows(X, "X"));
  const n0 = net.sizes[0];
  if (X.rows !== n0) fail(`X has shape ${shape(X)} but layer 1 expects ${n0} rows, one column per example`
    + (X.cols === n0 ? " — did you mean X transposed? (bpLive puts one example per column)" : ""));
  return X;
}

function lossName(net, loss) {
  const needs = LOSSES[known(LOSSES, "loss", loss)].output, out = net.activations[net.L];
  if (out !== needs && (out === "softmax" || needs === "softmax")) {
    fail(needs ? `loss=${show(loss)} needs a ${needs} output layer, but layer ${net.L} uses ${show(out)}: make the last activation ${show(needs)} or use loss='mse'`
      : `the softmax output layer ${net.L} goes with loss='cross_entropy', not ${show(loss)}: pass loss='cross_entropy' or change the last activation`);
  }
  return loss;
}

// Y as an (n_L, m) Mat; with cross_entropy, class labels 0..n_L−1 become one-hot columns
function targets(net, Y, m, loss) {
  const nL = net.sizes[net.L];
  if (loss === "cross_entropy" && isList(Y) && !Array.from(Y).some(isList)) {
    const labels = Array.from(Y), oneHot = mat(nL, labels.length);
    labels.forEach((k, i) => {
      if (!(Number.isInteger(k) && k >= 0 && k < nL)) fail(`label ${show(k)} is outside the classes 0..${nL - 1} (the output layer has ${nL} units): relabel the data or widen the output layer`);
      oneHot.data[k * labels.length + i] = 1;
    });
    Y = oneHot;
  }
  Y = finite("Y", fromRows(Y, "Y"));
  if (Y.rows !== nL || Y.cols !== m) fail(`Y has shape ${shape(Y)} but the output layer ${net.L} gives ŷ of shape (${nL}, ${m}) for these ${m} examples`
    + (Y.rows === m && Y.cols === nL ? " — did you mean Y transposed?" : ""));
  for (let j = 0; loss === "cross_entropy" && j < m; j++) {
    let sum = 0, negative = false;
    for (let k = 0; k < nL; k++) { sum += Y.data[k * m + j]; negative ||= Y.data[k * m + j] < 0; }
    if (negative || Math.abs(sum - 1) > 1e-6 + 1e-5) {   // np.allclose(sums, 1, atol=1e-6)
      fail(`with cross_entropy each column of Y must be a distribution over the ${nL} classes (non-negative, summing to 1): pass one-hot columns or the integer labels themselves`);
    }
  }
  return Y;
}

function learningRate(lr) {
  if (typeof lr !== "number" || !Number.isFinite(lr) || lr <= 0) fail(`the learning rate lr must be a number > 0, got ${show(lr)}`);
  return lr;
}

// ---------------------------------------------------------------------------- the network
function skeleton(sizes, activations) {
  if (!isList(sizes) || sizes.length < 2) fail(`sizes must list at least the input and the output layer, e.g. [2, 4, 1]; got ${show(sizes)}`);
  sizes = Array.from(sizes);
  sizes.forEach((n, l) => Number.isInteger(n) && n >= 1
    || fail(`layer ${l} has size ${show(n)}: every layer needs a whole number ≥ 1 of units (sizes=${show(sizes)})`));
  const L = sizes.length - 1;
  const names = typeof activations === "string" ? Array(L).fill(activations) : Array.from(activations ?? []);
  if (names.length !== L) fail(`got ${names.length} activation(s) ${show(names)} for ${L} layer(s): give one name per layer 1..${L}, or a single name for every layer`);
  const net = {sizes, L, activations: {}, W: {}, b: {}};
  names.forEach((name, i) => { net.activations[i + 1] = known(ACTIVATIONS, "activation", name); });
  const hidden = names.slice(0, -1).indexOf("softmax");
  if (hidden >= 0) fail(`softmax is for the output layer only, but layer ${hidden + 1} of ${L} uses it: choose 'sigmoid', 'tanh', 'relu' or 'identity'`);
  return net;
}

// The network {sizes, L, activations: {l: name}, W: {l: Mat}, b: {l: Mat (n_l, 1)}} from W[l]
// (n_l rows of n_{l−1} numbers) and b[l] (n_l numbers), checked as Network.from_params checks.
export function makeNetwork({sizes, activations = "sigmoid", W, b} = {}) {
  const net = skeleton(sizes, activations), n = net.sizes;
  for (const [name, d] of [["W", W], ["b", b]]) {
    const keys = d && typeof d === "object" ? Object.keys(d) : [];
    if (keys.length !== net.L || !keys.every(k => Number.isInteger(+k) && k >= 1 && k <= net.L)) fail(`${name} must be an object keyed by the layers 1..${net.L}, got keys ${show(keys)}`);
  }
  for (let l = 1; l <= net.L; l++) {
    const Wl = mat(n[l], n[l - 1]), w = fromRows(W[l], `W[${l}]`);
    if (w.rows !== n[l] || w.cols !== n[l - 1]) fail(`W[${l}] has shape ${shape(w)} but layer ${l - 1} has ${n[l - 1]} units and layer ${l} has ${n[l]} (sizes=${show(n)}), so W[${l}] must be (${n[l]}, ${n[l - 1]})`
      + (w.rows === n[l - 1] && w.cols === n[l] ? ` — did you mean W[${l}] transposed?` : ""));
    const bl = fromRows(isList(b[l]) ? Array.from(b[l], v => (isList(v) ? v : [v])) : b[l], `b[${l}]`);
    if (bl.cols !== 1 || bl.rows !== n[l]) fail(`b[${l}] has shape ${shape(bl)}: it must hold ${n[l]} numbers, one bias per unit of layer ${l}`);
    Wl.data.set(w.data);
    net.W[l] = finite(`W[${l}]`, Wl, "parameters must be finite");
    net.b[l] = finite(`b[${l}]`, mat(n[l], 1, bl.data), "parameters must be finite");
  }
  return net;
}

// mulberry32: a seeded generator of numbers in [0, 1)
export function mulberry32(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The standard deviation of bpcore's initial W[l] (n_l, n_{l−1}) under activation σ_l: Glorot's
// √(2/(n_{l−1} + n_l)), He's √(2/n_{l−1}) for relu.
export const initStd = (activation, nIn, nOut) =>
  Math.sqrt(2 / (ACTIVATIONS[activation].init === "he" ? nIn : nIn + nOut));

// A seeded random network: W[l] ~ N(0, std²) with std = initStd(σ_l, n_{l−1}, n_l) and b[l] = 0,
// as bpcore's Network(sizes, activations, seed) draws them, here from mulberry32 and Box–Muller
// (so not the same numbers).
export function initNetwork(sizes, activations = "sigmoid", seed = 0) {
  const net = skeleton(sizes, activations), n = net.sizes;
  if (!Number.isInteger(seed)) fail(`seed must be a whole number, got ${show(seed)}`);
  const uniform = mulberry32(seed);
  for (let l = 1; l <= net.L; l++) {
    const std = initStd(net.activations[l], n[l - 1], n[l]);
    net.W[l] = mat(n[l], n[l - 1]);
    net.W[l].data.forEach((_, i, w) => {
      w[i] = std * Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
    });
    net.b[l] = mat(n[l], 1);
  }
  return net;
}

// The fields of bpcore's Network.to_json: {sizes, activations: [..], W: {l: rows}, b: {l: numbers}}
export function toPlain(net) {
  const plain = {sizes: [...net.sizes], activations: [], W: {}, b: {}};
  for (let l = 1; l <= net.L; l++) {
    plain.activations.push(net.activations[l]);
    plain.W[l] = toRows(net.W[l]);
    plain.b[l] = Array.from(net.b[l].data);
  }
  return plain;
}

// -------------------------------------------------------------------------- the five steps
// Step 1: the trace {z: {l: Mat}, a: {0: X, l: Mat}} of the batch X (n_0, m).
export function forward(net, X, {check = true, into = {z: {}, a: {}}} = {}) {
  if (check) X = inputs(net, X);
  const {z, a} = into, m = X.cols;
  a[0] = X;
  for (let l = 1; l <= net.L; l++) {
    matmul(net.W[l], a[l - 1], slot(z, l, net.sizes[l], m), net.b[l].data);   // b[l] + W[l] a[l−1]
    ACTIVATIONS[net.activations[l]].f(z[l], slot(a, l, net.sizes[l], m));
  }
  return into;
}

// The checked loss name and Y (n_L, m) for the batch of `trace`
function lossAndTargets(net, trace, Y, loss) {
  loss = lossName(net, loss);
  return [loss, targets(net, Y, trace.a[0].cols, loss)];
}

// Step 1, end: the batch loss J(y, ŷ); Y (n_L, m), or class labels with cross_entropy.
export function lossValue(net, trace, Y, loss = "mse", {check = true} = {}) {
  if (check) [loss, Y] = lossAndTargets(net, trace, Y, loss);
  return LOSSES[loss].value(Y, trace.a[net.L], trace.z[net.L]);
}

// Step 2: δ[L] = ∂J/∂ŷ ⊙ σ_L′(z[L]), (n_L, m); softmax with cross_entropy: (ŷ − y)/m.
export function outputDelta(net, trace, Y, loss = "mse", {check = true, into = null} = {}) {
  if (check) [loss, Y] = lossAndTargets(net, trace, Y, loss);
  const L = net.L, J = LOSSES[loss], yHat = trace.a[L], D = into ?? mat(yHat.rows, yHat.cols);
  if (J.delta) J.delta(Y, yHat, D);
  else { J.grad(Y, yHat, D); ACTIVATIONS[net.activations[L]].timesDf(trace.z[L], yHat, D); }
  return D;
}

// Step 3: δ[l] = W[l+1]ᵀ δ[l+1] ⊙ σ_l′(z[l]) for l = L−1 down to 1; returns {l: δ[l]}, l = 1..L.
export function backpropDeltas(net, trace, deltaL, {into = {}} = {}) {
  const delta = into;
  delta[net.L] = deltaL;
  for (let l = net.L - 1; l >= 1; l--) {
    matmulTA(net.W[l + 1], delta[l + 1], slot(delta, l, net.sizes[l], deltaL.cols));
    ACTIVATIONS[net.activations[l]].timesDf(trace.z[l], trace.a[l], delta[l]);
  }
  return delta;
}

// Step 4: dW[l] = δ[l] a[l−1]ᵀ and db[l] = δ[l] summed over the m columns; returns {dW, db}.
export function paramGrads(trace, delta, {into = {dW: {}, db: {}}} = {}) {
  for (let l = 1; l in delta; l++) {
    const D = delta[l], d = D.data, m = D.cols, A = trace.a[l - 1];
    matmulTB(D, A, slot(into.dW, l, D.rows, A.rows));
    const db = slot(into.db, l, D.rows, 1).data;
    for (let i = 0; i < D.rows; i++) {   // four running sums (numpy's sum keeps eight)
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, j = i * m;
      const end = j + m;
      for (; j + 3 < end; j += 4) { s0 += d[j]; s1 += d[j + 1]; s2 += d[j + 2]; s3 += d[j + 3]; }
      for (; j < end; j++) s0 += d[j];
      db[i] = (s0 + s1) + (s2 + s3);
    }
  }
  return into;
}

// Steps 2–4 on the batch of `trace`: {delta, dW, db}.
export function backward(net, trace, Y, loss = "mse", {check = true, into = {delta: {}, dW: {}, db: {}}} = {}) {
  if (check) [loss, Y] = lossAndTargets(net, trace, Y, loss);
  const yHat = trace.a[net.L], deltaL = slot(into.delta, net.L, yHat.rows, yHat.cols);
  backpropDeltas(net, trace, outputDelta(net, trace, Y, loss, {check: false, into: deltaL}), {into: into.delta});
  return paramGrads(trace, into.delta, {into});
}

// Step 5, in place: W[l] ← W[l] − η dW[l], b[l] ← b[l] − η db[l].
export function update(net, grads, lr) {
  lr = learningRate(lr);
  const descend = (P, dP) => { const p = P.data, d = dP.data; for (let i = 0; i < p.length; i++) p[i] -= lr * d[i]; };
  for (let l = 1; l in grads.dW; l++) {
    descend(net.W[l], grads.dW[l]);
    descend(net.b[l], grads.db[l]);
  }
}

// bp.train with full batches: `epochs` times steps 1–5; loss[e] is J at the start of epoch e
// (before its update). Trains `net` in place if given, else makeNetwork({sizes, activations,
// W, b}). Stops, as bp.train does, when J becomes NaN or inf (stop "diverged").
export function train({net = null, sizes, activations, W, b, X, Y, loss = "mse", lr = 0.1, epochs = 100} = {}) {
  net ??= makeNetwork({sizes, activations, W, b});
  loss = lossName(net, loss);
  X = inputs(net, X);
  Y = targets(net, Y, X.cols, loss);
  lr = learningRate(lr);
  if (!Number.isInteger(epochs) || epochs < 1) fail(`epochs must be a whole number ≥ 1, got ${show(epochs)}`);
  const history = {loss: [], stop: "epochs", message: `reached the epoch limit (${epochs})`};
  const trace = {z: {}, a: {}}, grads = {delta: {}, dW: {}, db: {}};
  for (let epoch = 1; epoch <= epochs; epoch++) {
    forward(net, X, {check: false, into: trace});
    const J = lossValue(net, trace, Y, loss, {check: false});
    if (!Number.isFinite(J)) {
      history.stop = "diverged";
      history.message = `the loss became ${J} in epoch ${epoch} with lr=${lr}: training stopped before that update; try a smaller learning rate`;
      break;
    }
    update(net, backward(net, trace, Y, loss, {check: false, into: grads}), lr);
    history.loss.push(J);
  }
  const {W: Wt, b: bt} = toPlain(net);
  return {...history, W: Wt, b: bt, net};
}

// The class of each column of Y (n_L, m), as bp.classes: the row of its largest entry, or
// with one row, 1 where it is ≥ ½ and 0 elsewhere.
export function classes(Y) {
  const {rows: n, cols: m, data: y} = fromRows(Y, "Y");
  return Array.from({length: m}, (_, j) => {
    if (n === 1) return y[j] >= 0.5 ? 1 : 0;
    let best = 0;
    for (let k = 1; k < n; k++) if (y[k * m + j] > y[best * m + j]) best = k;
    return best;
  });
}

export const predictClasses = (net, X) => classes(forward(net, X).a[net.L]);

// The fraction of the columns of X whose predicted class is their label (labels: numbers, or
// Y whose classes are taken).
export function accuracy(net, X, labels) {
  const predicted = predictClasses(net, X);
  const y = isList(labels) && !Array.from(labels).some(isList) ? Array.from(labels) : classes(labels);
  if (y.length !== predicted.length) fail(`got ${y.length} labels for the ${predicted.length} examples of X`);
  return predicted.filter((k, i) => k === y[i]).length / y.length;
}
