/* Names, values and announcements for bpcore's sliders in the static book.
 *
 * Jupyter Book 1 adds every .js file of the root _static/ folder to every
 * page, so this runs on every page of the built book (and nowhere else:
 * JupyterLab, Binder and Colab never load it). Plain JavaScript, no network.
 *
 * ipywidgets cannot put aria-* attributes on its views, so every slider of
 * the book (bpcore.widgets.slider.PanelSlider, the classroom explorer
 * included) saves what a screen reader needs in the widget state, and this
 * script applies it once the widget manager (embed.js, which renders
 * asynchronously) has drawn the slider, and again whenever it changes:
 *
 *   .bp-slider                the PanelSlider's VBox
 *     .bp-slider-label        its visible label: <span id=… data-bp-slider="{json}">
 *     .bp-slider-play         Play: its buttons get aria-label and title
 *                             (json.play, .pause, .stop, .repeat; the first
 *                             button plays or pauses: its name follows its icon)
 *     .bp-slider-main         the IntSlider: its handle (div.noUi-handle
 *                             [role=slider]) gets aria-labelledby = the label's
 *                             id and aria-valuetext = json.valuetext[value]
 *                             (noUiSlider writes the bare number there at every
 *                             move; it is written back here)
 *     .bp-slider-stack        the Stack: its one rendered panel carries
 *                             data-summary, copied into a polite live region
 *                             (div.bp-slider-live, visually hidden) whenever
 *                             the slider shows another panel
 *     json.controls           further controls, found by class: {cls, label or
 *                             labelledby, valuetext ("每帧 {} 毫秒"), readout}
 *
 * Keyboard: noUiSlider's own handler already moves every handle with the
 * arrows, Home/End and Page Up/Page Down (5 steps), so nothing is added.
 * One MutationObserver on the page drives everything: each batch of changes
 * re-applies the attributes (only those that differ, so it settles at once).
 *
 * Links to a state (issue 12): json.id is the slider's stable id ("delta",
 * "frame", …; the n-th slider of the same id on a page, in document order,
 * is "id-n"). The URL hash holds the positions, #delta=2&grad=1 (the
 * slider's index 0..n-1; position 0 is left out): applied once every widget
 * of the page is drawn (and at every hashchange), rewritten with
 * history.replaceState whenever a handle moves (no history entries). Moving
 * a handle from here means sending its keydown events, which noUiSlider
 * handles like the reader's keys: the IntSlider's model changes and the
 * jslinks (Play, Stack, readout) follow, all in the page.
 *
 * Tools (div.bp-slider-tools, appended to the controls row: a node after
 * the widget views does not disturb Lumino's insertions by index): "复制链接"
 * copies the URL of this slider's current step (navigator.clipboard, else a
 * selected text field beside it), "演示模式" shows the slider full screen
 * (the Fullscreen API on .bp-slider, else the class bp-present-fallback,
 * which fills the window); the class bp-presenting scales it for a
 * projector (widgets.css). Keys: F (focus in the slider) enters or leaves;
 * while presenting Esc leaves, Space plays/pauses (Play's first button) and
 * the arrows, Home/End and Page Up/Down step (sent to the handle).
 */
(function () {
  "use strict";

  // The words this script adds to a page, in the page's language (<html
  // lang="zh-…">: Chinese; anything else: English). The sliders' own names
  // come from bpcore (bpcore.i18n), already in the page's language.
  var WORDS = {
    zh: {copy: "复制链接",
         copyName: "复制链接：打开时停在这一步",
         copied: "已复制本步的链接",
         selected: "链接已选中：按 Ctrl+C（Mac 上 ⌘C）复制",
         field: "本步的链接",
         present: "演示模式",
         leave: "退出演示",
         presentName: "演示模式：全屏显示（F 键；Esc 退出，空格播放/暂停，← → 逐步）"},
    en: {copy: "Copy link",
         copyName: "Copy link: opens the page at this step",
         copied: "Link to this step copied",
         selected: "Link selected: press Ctrl+C (⌘C on a Mac) to copy",
         field: "Link to this step",
         present: "Present",
         leave: "Leave presentation",
         presentName: "Present: full screen (F key; Esc leaves, Space plays/pauses, ← → step)"}
  };
  var W = /^zh/i.test(document.documentElement.lang || "") ? WORDS.zh : WORDS.en;

  var HIDDEN = "position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;" +
               "overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap";
  // Play's buttons by their icon (ipywidgets 8's PlayView swaps the first
  // button's icon between fa-play and fa-pause), else by position
  var ICONS = [["play", "fa-play"], ["pause", "fa-pause"], ["stop", "fa-stop"],
               ["repeat", "fa-retweet"]];
  var ORDER = ["play", "stop", "repeat"];

  function set(el, name, value) {
    if (el && value != null && el.getAttribute(name) !== String(value)) {
      el.setAttribute(name, value);
    }
  }

  function config(root) {
    var label = root.querySelector(".bp-slider-label[data-bp-slider]");
    if (!label) return null;
    var raw = label.getAttribute("data-bp-slider");
    if (label._bpRaw !== raw) {
      label._bpRaw = raw;
      try {
        label._bpConfig = JSON.parse(raw);
      } catch (e) {
        label._bpConfig = null;
      }
    }
    return label._bpConfig ? {label: label, cfg: label._bpConfig} : null;
  }

  function position(handle) {
    var v = Number(handle.getAttribute("aria-valuenow"));
    return isFinite(v) ? Math.round(v) : null;
  }

  function nameReadout(box, name) {
    // a visible readout is an editable number (contenteditable div): a textbox
    var r = box.querySelector(".widget-readout[contenteditable=true]");
    if (r && name) {
      set(r, "role", "textbox");
      set(r, "aria-label", name);
    }
  }

  function namePlay(root, cfg) {
    var play = root.querySelector(".bp-slider-play");
    if (!play) return;
    var buttons = play.querySelectorAll("button");
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i], kind = ORDER[i] || null;
      for (var j = 0; j < ICONS.length; j++) {
        if (b.querySelector("." + ICONS[j][1] + ", [data-icon=" + ICONS[j][1].slice(3) + "]")) {
          kind = ICONS[j][0];
        }
      }
      if (kind && cfg[kind]) {
        set(b, "aria-label", cfg[kind]);
        set(b, "title", cfg[kind]);
      }
    }
  }

  function nameSlider(root, cfg, label) {
    var box = root.querySelector(".bp-slider-main");
    var handle = box && box.querySelector(".noUi-handle");
    if (!handle) return;
    set(handle, "aria-labelledby", label.id);
    var k = position(handle), texts = cfg.valuetext || [];
    if (k !== null && k >= 0 && k < texts.length) set(handle, "aria-valuetext", texts[k]);
    nameReadout(box, cfg.readout);
  }

  function nameControls(root, cfg) {
    (cfg.controls || []).forEach(function (c) {
      var box = root.querySelector("." + c.cls);
      if (!box) return;
      var target = box.querySelector(".noUi-handle") ||
                   box.querySelector("input, select, textarea, button");
      if (!target) return;
      if (c.labelledby && document.getElementById(c.labelledby)) {
        set(target, "aria-labelledby", c.labelledby);
      } else if (c.label) {
        set(target, "aria-label", c.label);
      }
      if (c.valuetext && target.hasAttribute("aria-valuenow")) {
        var v = position(target);
        if (v !== null) set(target, "aria-valuetext", c.valuetext.replace("{}", v));
      }
      nameReadout(box, c.readout);
    });
  }

  function announce(root) {
    var live = root.querySelector(":scope > .bp-slider-live");
    if (!live) {
      live = document.createElement("div");
      live.className = "bp-slider-live";
      live.setAttribute("aria-live", "polite");
      live.setAttribute("aria-atomic", "true");
      live.style.cssText = HIDDEN;
      root.appendChild(live);
    }
    var stack = root.querySelector(".bp-slider-stack");
    var panel = stack && stack.querySelector("[data-summary]");
    if (!panel) return;
    if (root._bpPanel === undefined) {     // the first panel drawn: nothing changed yet
      root._bpPanel = panel;
      return;
    }
    if (panel !== root._bpPanel) {         // the Stack draws a new element per change
      root._bpPanel = panel;
      var text = panel.getAttribute("data-summary");
      if (live.textContent !== text) live.textContent = text;
    }
  }

  // ------------------------------------------------------------------
  // Links to a state
  // ------------------------------------------------------------------
  var ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
  var hashApplied = false;   // the positions of the URL applied (once all is drawn)
  var started = Date.now(), PATIENCE = 8000;   // ms: then apply with what is drawn
  var STEP_MS = 16;          // between two keys sent to a handle
  var SETTLE_MS = 300, settling = null;
  var applying = null;       // the promise of the positions being applied

  function handleOf(root) {
    var box = root.querySelector(".bp-slider-main");
    return box && box.querySelector(".noUi-handle");
  }

  // "#delta=2&frame=9&intro" -> {pos: {delta: 2, frame: 9}, rest: ["intro"]}
  function parseHash() {
    var out = {pos: {}, rest: []};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      if (!part) return;
      var m = /^([^=]+)=(\d+)$/.exec(decodeURIComponent(part));
      if (m && ID.test(m[1])) out.pos[m[1]] = Number(m[2]);
      else out.rest.push(part);
    });
    return out;
  }

  // every slider's id, in document order: the n-th of the same id is "id-n"
  function assignIds(roots) {
    var seen = {};
    for (var i = 0; i < roots.length; i++) {
      var c = config(roots[i]), base = c && c.cfg.id;
      if (!base || !ID.test(base)) continue;
      seen[base] = (seen[base] || 0) + 1;
      roots[i]._bpId = seen[base] > 1 ? base + "-" + seen[base] : base;
      roots[i].setAttribute("data-bp-slider-id", roots[i]._bpId);
    }
  }

  function key(el, name) {
    el.dispatchEvent(new KeyboardEvent("keydown", {key: name, bubbles: true, cancelable: true}));
  }

  // move the slider to index k (clamped), as the reader's keys would: one
  // key per task (keys sent in one go make the Stack swap panels faster than
  // the widget manager draws them, and it throws); resolves to true when
  // the slider is at k
  function moveTo(root, k) {
    return new Promise(function (resolve) {
      var handle = handleOf(root), cur = handle && position(handle);
      if (cur === null || cur === undefined) return resolve(false);
      var lo = Number(handle.getAttribute("aria-valuemin")) || 0;
      var hi = Number(handle.getAttribute("aria-valuemax"));
      k = Math.max(lo, isFinite(hi) ? Math.min(k, hi) : k);
      (function step() {
        if (cur === k) return resolve(true);
        key(handle, k > cur ? "ArrowRight" : "ArrowLeft");
        var next = position(handle);
        if (next === cur) return resolve(false);   // the handle does not move
        cur = next;
        setTimeout(step, STEP_MS);
      }());
    });
  }

  // embed.js draws the views asynchronously and in any order (a view's root
  // is in the page before its children): the ids (by document order) and
  // the hash wait for every view of the page and every slider's handle
  function allDrawn(roots) {
    if (Date.now() - started > PATIENCE) return true;
    var views = document.querySelectorAll(
      'script[type="application/vnd.jupyter.widget-view+json"]').length;
    if (!roots.length || document.querySelectorAll(".widget-subarea > *").length < views) {
      return false;
    }
    for (var i = 0; i < roots.length; i++) {
      if (!config(roots[i]) || !handleOf(roots[i])) return false;
    }
    return true;
  }

  function applyHash(roots, scroll) {
    var wanted = parseHash().pos, chain = Promise.resolve(), first = null;
    Array.prototype.forEach.call(roots, function (root) {
      var id = root._bpId;
      if (!id || !Object.prototype.hasOwnProperty.call(wanted, id)) return;
      chain = chain.then(function () { return moveTo(root, wanted[id]); })
                   .then(function (ok) { if (ok && !first) first = root; });
    });
    applying = chain.then(function () {
      applying = null;
      if (first && scroll) first.scrollIntoView({block: "start"});
      writeHash(roots);
    });
    return applying;
  }

  function hashFor(roots) {
    var rest = parseHash().rest, parts = [];
    for (var i = 0; i < roots.length; i++) {
      var handle = handleOf(roots[i]), k = handle && position(handle);
      if (roots[i]._bpId && k) parts.push(roots[i]._bpId + "=" + k);
    }
    return parts.concat(rest).join("&");
  }

  function writeHash(roots) {
    var h = hashFor(roots);
    if (h === location.hash.replace(/^#/, "")) return;
    history.replaceState(history.state, "",
                         location.pathname + location.search + (h ? "#" + h : ""));
  }

  function stepURL(root) {
    var handle = handleOf(root), k = (handle && position(handle)) || 0;
    return location.href.replace(/#.*$/, "") + "#" + root._bpId + "=" + k;
  }

  // ------------------------------------------------------------------
  // Tools: copy a link, presentation mode
  // ------------------------------------------------------------------
  var presenting = null;      // the root shown full screen (one at a time)

  function button(text, name, onclick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "bp-tool";
    b.textContent = text;
    b.setAttribute("aria-label", name);
    b.title = name;
    b.addEventListener("click", onclick);
    return b;
  }

  function status(root, text) {
    var s = root._bpTools.querySelector(".bp-tool-status");
    s.textContent = "";
    s.textContent = text;
  }

  function copyLink(root) {
    var url = stepURL(root), tools = root._bpTools;
    var field = tools.querySelector(".bp-tool-url");
    function fallback() {
      field.hidden = false;
      field.value = url;
      field.focus();
      field.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      status(root, ok ? W.copied : W.selected);
    }
    field.hidden = true;
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () { status(root, W.copied); }, fallback);
    } else {
      fallback();
    }
  }

  function fullscreenElement() {
    return document.fullscreenElement || document.webkitFullscreenElement || null;
  }

  function enter(root) {
    if (presenting && presenting !== root) leave(presenting);
    presenting = root;
    root.classList.add("bp-presenting");
    var b = root._bpTools.querySelector(".bp-tool-present");
    b.textContent = W.leave;
    b.setAttribute("aria-pressed", "true");
    var req = root.requestFullscreen || root.webkitRequestFullscreen;
    var fallback = function () {
      if (presenting === root) root.classList.add("bp-present-fallback");
    };
    if (!req) {
      fallback();
    } else {
      try {
        var p = req.call(root);
        if (p && p.then) p.then(null, fallback);
      } catch (e) {
        fallback();
      }
    }
    root.focus({preventScroll: true});
  }

  function leave(root) {
    if (presenting === root) presenting = null;
    root.classList.remove("bp-presenting", "bp-present-fallback");
    var b = root._bpTools.querySelector(".bp-tool-present");
    b.textContent = W.present;
    b.setAttribute("aria-pressed", "false");
    if (fullscreenElement() === root) {
      (document.exitFullscreen || document.webkitExitFullscreen).call(document);
    }
    b.focus({preventScroll: true});
    root.scrollIntoView({block: "nearest"});
  }

  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  var STEP_KEYS = {ArrowRight: 1, ArrowLeft: 1, ArrowUp: 1, ArrowDown: 1,
                   Home: 1, End: 1, PageUp: 1, PageDown: 1};

  function onKey(e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var root = presenting;
    if (!root) {                       // F in a slider: present it
      var r = e.target.closest && e.target.closest(".bp-slider");
      if (r && r._bpTools && (e.key === "f" || e.key === "F") && !typing(e.target)) {
        e.preventDefault();
        enter(r);
      }
      return;
    }
    if (e.key === "Escape") {
      e.preventDefault();
      leave(root);
    } else if ((e.key === "f" || e.key === "F") && !typing(e.target)) {
      e.preventDefault();
      leave(root);
    } else if (e.key === " " && !typing(e.target)) {
      e.preventDefault();              // no scrolling, no click on a focused button
      var play = root.querySelector(".bp-slider-play button");
      if (play) play.click();
    } else if (STEP_KEYS[e.key] && !e.defaultPrevented && !typing(e.target)) {
      var handle = handleOf(root);     // a focused handle has moved already
      if (handle && e.target !== handle) {
        e.preventDefault();
        key(handle, e.key);
      }
    }
  }

  function onFullscreen() {
    // the browser left full screen (its own Esc, or F11): leave presentation
    if (presenting && fullscreenElement() !== presenting &&
        !presenting.classList.contains("bp-present-fallback")) {
      leave(presenting);
    }
  }

  function addTools(root) {
    if (root._bpTools) return;
    var play = root.querySelector(".bp-slider-play");
    var row = play && play.parentElement;
    if (!row || !handleOf(root)) return;
    var tools = document.createElement("div");
    tools.className = "bp-slider-tools bp-screen-only";
    var copy = button(W.copy, W.copyName, function () { copyLink(root); });
    copy.classList.add("bp-tool-copy");
    var present = button(W.present, W.presentName, function () {
      if (presenting === root) leave(root); else enter(root);
    });
    present.classList.add("bp-tool-present");
    present.setAttribute("aria-pressed", "false");
    var field = document.createElement("input");
    field.type = "text";
    field.readOnly = true;
    field.hidden = true;
    field.className = "bp-tool-url";
    field.setAttribute("aria-label", W.field);
    var st = document.createElement("span");
    st.className = "bp-tool-status";
    st.setAttribute("role", "status");
    tools.appendChild(copy);
    tools.appendChild(present);
    tools.appendChild(field);
    tools.appendChild(st);
    row.appendChild(tools);
    row.classList.add("bp-slider-controls");
    root.setAttribute("tabindex", "-1");
    root._bpTools = tools;
  }

  function scan() {
    var roots = document.querySelectorAll(".bp-slider");
    for (var i = 0; i < roots.length; i++) {
      var root = roots[i], c = config(root);
      if (!c) continue;
      namePlay(root, c.cfg);
      nameSlider(root, c.cfg, c.label);
      nameControls(root, c.cfg);
      announce(root);
      addTools(root);
    }
    if (!hashApplied) {                // the URL's positions first, then writes
      if (!allDrawn(roots)) return;
      // ... once the page has been quiet for SETTLE_MS (the widget manager
      // still draws hidden views, e.g. the print copies, after the visible
      // ones; a slider moved meanwhile makes it throw)
      clearTimeout(settling);
      var go = function () {
        hashApplied = true;
        var all = document.querySelectorAll(".bp-slider");
        assignIds(all);
        applyHash(all, true);
      };
      if (Date.now() - started > 2 * PATIENCE) go();
      else settling = setTimeout(go, SETTLE_MS);
      return;
    }
    if (!applying) writeHash(roots);
  }

  function start() {
    document.addEventListener("keydown", onKey);
    document.addEventListener("fullscreenchange", onFullscreen);
    document.addEventListener("webkitfullscreenchange", onFullscreen);
    window.addEventListener("hashchange", function () {
      if (hashApplied && !applying) applyHash(document.querySelectorAll(".bp-slider"), false);
    });
    scan();
    setTimeout(scan, PATIENCE + 100);
    new MutationObserver(scan).observe(document.body, {
      subtree: true, childList: true, attributes: true,
      attributeFilter: ["aria-valuenow", "aria-valuetext", "class", "data-bp-slider"]
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  window.bpSliders = {scan: scan, present: enter, leave: leave, moveTo: moveTo,
                      url: stepURL,
                      // resolves once the URL's positions are applied
                      applied: function () {
                        return new Promise(function (resolve) {
                          (function wait() {
                            if (hashApplied && !applying) resolve(location.hash);
                            else setTimeout(wait, 50);
                          }());
                        });
                      }};
}());
