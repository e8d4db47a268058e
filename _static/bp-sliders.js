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
 */
(function () {
  "use strict";

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

  function scan() {
    var roots = document.querySelectorAll(".bp-slider");
    for (var i = 0; i < roots.length; i++) {
      var root = roots[i], c = config(root);
      if (!c) continue;
      namePlay(root, c.cfg);
      nameSlider(root, c.cfg, c.label);
      nameControls(root, c.cfg);
      announce(root);
    }
  }

  function start() {
    scan();
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
  window.bpSliders = {scan: scan};
}());
