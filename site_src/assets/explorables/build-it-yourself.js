/* "Build it yourself" (docs/universal-approximation.md): a sum of hinges
   bias + sum_i a_i relu(x - t_i) that the reader takes apart by hand.

   The same construction as snippets/universal-approximation/build-it-yourself.py,
   whose RESULTS["explorable"] is `data`: the interval, the grid where the
   error is measured and the least squares fitted, the keyboard steps and the
   starting state. tests/browser/test_explorables.py replays the snippet's
   scripted states here and compares the numbers to 1e-9.

   Handles are SVG groups with role="slider": a triangle per knot (drag
   sideways), a dot per bend (drag up and down), a square for the bias. Each
   is focusable; arrow keys move it by one step, Page Up/Down by ten. */

import { frame, html, linspace, svgEl as el } from "./_kit.js";

export { linspace };

var TARGETS = {
  smooth: { label: "smooth curve", f: function (x) { return Math.sin(3 * x) + 0.5 * Math.cos(5 * x); }, y: [-2.2, 2.2] },
  step: { label: "step", f: function (x) { return x < 0 ? 0 : 1; }, y: [-0.7, 1.7] },
  abs: { label: "|x|", f: function (x) { return Math.abs(x); }, y: [-0.5, 1.9] },
  bump: { label: "bump", f: function (x) { return Math.exp(-8 * x * x); }, y: [-0.7, 1.7] }
};

// ---------------------------------------------------------------- the maths

export function hingeSum(x, knots, weights, bias) {
  var s = 0;
  for (var i = 0; i < knots.length; i++) {
    var z = x - knots[i];
    if (z > 0) s += weights[i] * z;
  }
  return bias + s;
}

/* Knots from the left end in steps of (xMax - xMin) / n, as the snippet places them. */
export function evenKnots(n, xMin, xMax) {
  var h = (xMax - xMin) / n;
  var knots = [];
  for (var i = 0; i < n; i++) knots.push(xMin + i * h);
  return knots;
}

/* Weights and bias whose sum passes through f at the knots and at xMax. */
export function joinTheDots(f, knots, xMax) {
  var points = knots.concat([xMax]);
  var slopes = [];
  for (var i = 0; i + 1 < points.length; i++) {
    slopes.push((f(points[i + 1]) - f(points[i])) / (points[i + 1] - points[i]));
  }
  var weights = slopes.map(function (s, i) { return i === 0 ? s : s - slopes[i - 1]; });
  return { weights: weights, bias: f(points[0]) };
}

/* Least squares for [1, relu(x - t_1), ...] w = f(x) by Householder QR.

   QR works on the columns themselves, never on the normal equations, so the
   error grows with the condition number, not its square. A column that is
   (numerically) zero or repeats another (a knot at the right end, two knots
   together) gets weight 0. */
export function leastSquares(f, knots, xs) {
  var m = xs.length, n = knots.length + 1;
  var a = [], b = [];
  for (var r = 0; r < m; r++) {
    var row = [1];
    for (var j = 0; j < knots.length; j++) row.push(Math.max(xs[r] - knots[j], 0));
    a.push(row);
    b.push(f(xs[r]));
  }
  var scale = 0;
  for (var r0 = 0; r0 < m; r0++) for (var j0 = 0; j0 < n; j0++) scale = Math.max(scale, Math.abs(a[r0][j0]));
  var diag = [];
  for (var k = 0; k < n; k++) {
    var norm = 0;
    for (var i = k; i < m; i++) norm += a[i][k] * a[i][k];
    norm = Math.sqrt(norm);
    if (norm <= 1e-12 * scale * Math.sqrt(m)) { diag.push(0); continue; }
    var alpha = a[k][k] > 0 ? -norm : norm;
    // v = x - alpha e1, stored in place of the column; H = I - 2 v v^T / v^T v
    a[k][k] -= alpha;
    var vv = 0;
    for (var i2 = k; i2 < m; i2++) vv += a[i2][k] * a[i2][k];
    for (var j2 = k + 1; j2 < n; j2++) {
      var dot = 0;
      for (var i3 = k; i3 < m; i3++) dot += a[i3][k] * a[i3][j2];
      var c = 2 * dot / vv;
      for (var i4 = k; i4 < m; i4++) a[i4][j2] -= c * a[i4][k];
    }
    var dotb = 0;
    for (var i5 = k; i5 < m; i5++) dotb += a[i5][k] * b[i5];
    var cb = 2 * dotb / vv;
    for (var i6 = k; i6 < m; i6++) b[i6] -= cb * a[i6][k];
    diag.push(alpha);
  }
  var w = new Array(n).fill(0);
  var big = Math.max.apply(null, diag.map(Math.abs));
  for (var row2 = n - 1; row2 >= 0; row2--) {
    if (Math.abs(diag[row2]) <= 1e-10 * big) { w[row2] = 0; continue; }
    var s = b[row2];
    for (var col = row2 + 1; col < n; col++) s -= a[row2][col] * w[col];
    w[row2] = s / diag[row2];
  }
  return { weights: w.slice(1), bias: w[0] };
}

export function largestError(f, state, xs) {
  var worst = 0, where = xs[0];
  for (var i = 0; i < xs.length; i++) {
    var e = Math.abs(hingeSum(xs[i], state.knots, state.weights, state.bias) - f(xs[i]));
    if (e > worst) { worst = e; where = xs[i]; }
  }
  return { value: worst, at: where };
}

// ---------------------------------------------------------------- drawing

function fmt(v, digits) {
  var s = v.toFixed(digits);
  return s === "-0.00" || s === "-0.000" ? s.slice(1) : s;
}

export function mount(host, data, figure) {
  var xMin = data.x_min, xMax = data.x_max;
  var grid = linspace(xMin, xMax, data.n_grid);
  var samples = linspace(xMin, xMax, data.n_samples);
  var state = JSON.parse(JSON.stringify(data.start));
  var ids = state.knots.map(function (_, i) { return i + 1; }); // names shown to the reader
  var nextId = ids.length + 1;
  var bendScale = 1;
  var dragging = null;
  var focusKey = null; // which handle had focus, to give it back after a redraw
  var restoreFocus = false;
  var made = frame("hinges", "Build it yourself: drag the knots and bends");
  var id = made.id, root = made.root, bar = made.bar;
  var pick = html("label", "wr-ex__field", "Target ", bar);
  var select = html("select", "wr-ex__select", null, pick);
  Object.keys(TARGETS).forEach(function (key) {
    var option = html("option", null, TARGETS[key].label, select);
    option.value = key;
  });
  select.value = state.target;
  function button(text, action, name) {
    var b = html("button", "wr-ex__button", text, bar);
    b.type = "button";
    b.setAttribute("data-action", name);
    b.addEventListener("click", action);
    return b;
  }
  var addButton = button("Add a unit", addUnit, "add");
  var removeButton = button("Remove a unit", removeUnit, "remove");
  button("Fit output weights (least squares)", fit, "fit");
  button("Even knots, join the dots", even, "even");

  var svg = el("svg", { class: "wr-ex__plot", role: "group", "aria-label": "Target curve, sum of hinges, and one handle per knot and bend" });
  root.appendChild(svg);
  var readout = html("p", "wr-ex__readout", null, root);
  readout.setAttribute("aria-live", "polite");
  var units = html("span", "wr-ex__units", null, readout);
  readout.appendChild(document.createTextNode(" · largest error "));
  var error = html("output", "wr-ex__error", null, readout);
  html("p", "wr-ex__help",
    "Drag a triangle to move a knot, a dot to change how much its unit bends the line, the square to " +
    "raise the start; the dotted line marks the largest error. Or press Tab to reach a handle and move " +
    "it with the arrow keys (Page Up and Down: ten steps).", root);

  host.insertBefore(root, figure || host.firstChild);

  // rows, top to bottom: the plot, the knots' triangles, the x labels, the bends
  var width = 640, plotH = 240, knotY = 244, bendTop = 300, bendH = 96, height = 404, left = 44, right = 12;
  var layers = {};
  function sx(x) { return left + (x - xMin) / (xMax - xMin) * (width - left - right); }
  function ix(px) { return xMin + (px - left) / (width - left - right) * (xMax - xMin); }
  function yRange() { return TARGETS[state.target].y; }
  function sy(y) { var r = yRange(); return 12 + (r[1] - y) / (r[1] - r[0]) * (plotH - 12); }
  function iy(py) { var r = yRange(); return r[1] - (py - 12) / (plotH - 12) * (r[1] - r[0]); }
  function sb(a) { return bendTop + bendH / 2 - a / bendScale * (bendH / 2 - 6); }
  function ib(py) { return (bendTop + bendH / 2 - py) / (bendH / 2 - 6) * bendScale; }

  function niceScale() {
    var m = Math.max.apply(null, state.weights.map(Math.abs).concat([1]));
    var steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
    for (var i = 0; i < steps.length; i++) if (m * 1.1 <= steps[i]) return steps[i];
    return m * 1.1;
  }

  function layout() {
    var w = Math.round(root.clientWidth || 640);
    width = Math.max(300, Math.min(760, w));
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
  }

  // Handles are made once and moved afterwards, never drawn anew: the
  // element under a finger must survive the drag (or the browser takes the
  // gesture for a scroll), and the one with focus must keep it.
  var scene = el("g", {}, svg);
  var handleLayer = el("g", {}, svg);
  var handles = {}, touched = {};

  function handle(kind, index, label, min, max, value, text, orientation) {
    var key = kind + ":" + index;
    var g = handles[key];
    if (!g) {
      g = handles[key] = el("g", {
        class: "wr-ex__handle wr-ex__handle--" + kind, tabindex: "0", role: "slider",
        "aria-orientation": orientation, "data-kind": kind, "data-index": String(index)
      }, handleLayer);
      g.shapes = {};
      g.addEventListener("keydown", onKey);
      g.addEventListener("pointerdown", onDown);
      // Chromium ignores touch-action on SVG shapes: a finger that starts on
      // a handle would scroll the page instead of dragging it.
      g.addEventListener("touchstart", function (event) { event.preventDefault(); }, { passive: false });
      g.addEventListener("focus", function () { focusKey = key; });
    }
    touched[key] = true;
    g.setAttribute("aria-label", label);
    g.setAttribute("aria-valuemin", fmt(min, 2));
    g.setAttribute("aria-valuemax", fmt(max, 2));
    g.setAttribute("aria-valuenow", String(value));
    g.setAttribute("aria-valuetext", text);
    return g;
  }

  function shape(g, key, name, attributes) {
    var node = g.shapes[key] || (g.shapes[key] = el(name, {}, g));
    Object.keys(attributes).forEach(function (k) { node.setAttribute(k, attributes[k]); });
  }

  function draw() {
    var f = TARGETS[state.target].f;
    while (scene.firstChild) scene.removeChild(scene.firstChild);
    touched = {};
    el("rect", { x: left, y: 12, width: width - left - right, height: plotH - 12, class: "wr-ex__frame" }, scene);
    var clip = el("clipPath", { id: id + "-clip" }, el("defs", {}, scene));
    el("rect", { x: left, y: 12, width: width - left - right, height: plotH - 12 }, clip);
    // axes: y = 0 and ticks
    var r = yRange();
    [r[0] + 0.2, 0, r[1] - 0.2].forEach(function (v) {
      var t = Math.round(v * 2) / 2;
      el("line", { x1: left - 4, x2: left, y1: sy(t), y2: sy(t), class: "wr-ex__tick" }, scene);
      el("text", { x: left - 7, y: sy(t) + 4, class: "wr-ex__label", "text-anchor": "end" }, scene).textContent = fmt(t, 1);
    });
    el("line", { x1: left, x2: width - right, y1: sy(0), y2: sy(0), class: "wr-ex__axis" }, scene);
    [xMin, (xMin + xMax) / 2, xMax].forEach(function (v) {
      el("text", { x: sx(v), y: knotY + 34, class: "wr-ex__label", "text-anchor": "middle" }, scene).textContent = fmt(v, 1);
    });
    var plot = el("g", { "clip-path": "url(#" + id + "-clip)" }, scene);
    el("path", { d: "M" + grid.map(function (x) { return sx(x).toFixed(1) + "," + sy(f(x)).toFixed(1); }).join("L"), class: "wr-ex__target" }, plot);
    // the sum is straight between knots: draw it through its corners
    var corners = [xMin, xMax].concat(state.knots.filter(function (t) { return t > xMin && t < xMax; }))
      .sort(function (p, q) { return p - q; });
    el("path", { d: "M" + corners.map(function (x) {
      return sx(x).toFixed(2) + "," + sy(hingeSum(x, state.knots, state.weights, state.bias)).toFixed(2);
    }).join("L"), class: "wr-ex__sum" }, plot);
    var worst = largestError(f, state, grid);
    el("line", { x1: sx(worst.at), x2: sx(worst.at), y1: sy(f(worst.at)),
      y2: sy(hingeSum(worst.at, state.knots, state.weights, state.bias)), class: "wr-ex__worst" }, plot);

    // bends strip
    el("text", { x: left - 11, y: bendTop + bendH / 2 + 4, class: "wr-ex__label", "text-anchor": "end" }, scene).textContent = "0";
    el("text", { x: left, y: bendTop - 4, class: "wr-ex__label" }, scene).textContent = "bend (output weight), ±" + bendScale;
    el("line", { x1: left, x2: width - right, y1: sb(0), y2: sb(0), class: "wr-ex__axis" }, scene);

    // bias handle: the sum's height at the left end
    var by = Math.min(plotH, Math.max(12, sy(state.bias)));
    var gb = handle("bias", 0, "Bias (height of the sum at x = " + fmt(xMin, 1) + ")", -100, 100, state.bias,
      "bias " + fmt(state.bias, 2), "vertical");
    shape(gb, "hit", "circle", { cx: left, cy: by, r: 18, class: "wr-ex__hit" });
    shape(gb, "mark", "rect", { x: left - 6, y: by - 6, width: 12, height: 12, class: "wr-ex__bias" });
    shape(gb, "ring", "rect", { x: left - 10, y: by - 10, width: 20, height: 20, class: "wr-ex__ring" });

    state.knots.forEach(function (t, i) {
      var x = sx(t);
      el("line", { x1: x, x2: x, y1: knotY + 16, y2: sb(0), class: "wr-ex__guide" }, scene);
      var a = state.weights[i];
      el("line", { x1: x, x2: x, y1: sb(0), y2: Math.min(bendTop + bendH, Math.max(bendTop, sb(a))), class: "wr-ex__stem" }, scene);
      var gk = handle("knot", i, "Knot of unit " + ids[i], xMin, xMax, t,
        "unit " + ids[i] + " knot at x = " + fmt(t, 2), "horizontal");
      shape(gk, "hit", "circle", { cx: x, cy: knotY + 9, r: 20, class: "wr-ex__hit" });
      shape(gk, "mark", "path", { d: "M" + x + "," + knotY + "l9,14h-18z", class: "wr-ex__knot" });
      shape(gk, "ring", "circle", { cx: x, cy: knotY + 8, r: 13, class: "wr-ex__ring" });
      var y = Math.min(bendTop + bendH, Math.max(bendTop, sb(a)));
      var ga = handle("bend", i, "Bend of unit " + ids[i], -1000, 1000, a,
        "unit " + ids[i] + " bend " + fmt(a, 2), "vertical");
      shape(ga, "hit", "circle", { cx: x, cy: y, r: 18, class: "wr-ex__hit" });
      shape(ga, "mark", "circle", { cx: x, cy: y, r: 7, class: "wr-ex__bend" });
      shape(ga, "ring", "circle", { cx: x, cy: y, r: 12, class: "wr-ex__ring" });
    });

    // units that were removed take their handles with them
    Object.keys(handles).forEach(function (key) {
      if (!touched[key]) { handleLayer.removeChild(handles[key]); delete handles[key]; }
    });
    units.textContent = state.knots.length + (state.knots.length === 1 ? " unit" : " units");
    error.textContent = fmt(worst.value, 3);
    error.setAttribute("data-value", String(worst.value));
    root.setAttribute("data-sum-at-samples", JSON.stringify(samples.map(function (x) {
      return hingeSum(x, state.knots, state.weights, state.bias);
    })));
    root.setAttribute("data-state", JSON.stringify(state));
    addButton.disabled = state.knots.length >= data.max_units;
    removeButton.disabled = state.knots.length <= 1;
    // a handle being moved keeps focus (it could lose it to a button)
    if (restoreFocus && focusKey && handles[focusKey] && document.activeElement !== handles[focusKey]) {
      handles[focusKey].focus({ preventScroll: true });
    }
    restoreFocus = false;
  }

  function rescale() { bendScale = niceScale(); }

  function set(kind, index, value) {
    if (kind === "knot") state.knots[index] = Math.min(xMax, Math.max(xMin, value));
    else if (kind === "bend") state.weights[index] = value;
    else state.bias = value;
  }
  function get(kind, index) {
    return kind === "knot" ? state.knots[index] : kind === "bend" ? state.weights[index] : state.bias;
  }

  function onKey(event) {
    var g = event.currentTarget;
    var kind = g.getAttribute("data-kind"), index = +g.getAttribute("data-index");
    var step = kind === "knot" ? data.knot_step : data.bend_step;
    var keys = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 10, PageDown: -10 };
    if (kind === "knot" && (event.key === "Home" || event.key === "End")) {
      set(kind, index, event.key === "Home" ? xMin : xMax);
    } else if (keys[event.key]) {
      set(kind, index, get(kind, index) + keys[event.key] * step);
    } else {
      return;
    }
    event.preventDefault();
    if (kind !== "knot" && Math.abs(get(kind, index)) > bendScale) rescale();
    restoreFocus = true;
    draw();
  }

  function point(event) {
    var m = svg.getScreenCTM();
    return m ? new DOMPoint(event.clientX, event.clientY).matrixTransform(m.inverse()) : { x: 0, y: 0 };
  }
  function onDown(event) {
    var g = event.currentTarget;
    dragging = { kind: g.getAttribute("data-kind"), index: +g.getAttribute("data-index") };
    focusKey = dragging.kind + ":" + dragging.index;
    svg.setPointerCapture(event.pointerId);
    g.focus({ preventScroll: true });
    event.preventDefault();
  }
  svg.addEventListener("pointermove", function (event) {
    if (!dragging) return;
    var p = point(event);
    if (dragging.kind === "knot") set("knot", dragging.index, ix(p.x));
    else if (dragging.kind === "bend") set("bend", dragging.index, ib(Math.min(bendTop + bendH, Math.max(bendTop, p.y))));
    else set("bias", 0, iy(Math.min(plotH, Math.max(12, p.y))));
    restoreFocus = true;
    draw();
  });
  function onUp() {
    if (!dragging) return;
    dragging = null;
    rescale();
    restoreFocus = true;
    draw();
  }
  svg.addEventListener("pointerup", onUp);
  svg.addEventListener("pointercancel", onUp);

  function useWeights(solved) {
    state.weights = solved.weights;
    state.bias = solved.bias;
    rescale();
    draw();
  }
  function fit() {
    useWeights(leastSquares(TARGETS[state.target].f, state.knots, grid));
  }
  function even() {
    state.knots = evenKnots(state.knots.length, xMin, xMax);
    useWeights(joinTheDots(TARGETS[state.target].f, state.knots, xMax));
  }
  function addUnit() {
    if (state.knots.length >= data.max_units) return;
    // a new knot in the middle of the widest gap, bending nothing yet
    var sorted = state.knots.concat([xMin, xMax]).sort(function (p, q) { return p - q; });
    var best = 0;
    for (var i = 1; i < sorted.length; i++) if (sorted[i] - sorted[i - 1] > sorted[best + 1] - sorted[best]) best = i - 1;
    state.knots.push((sorted[best] + sorted[best + 1]) / 2);
    state.weights.push(0);
    ids.push(nextId++);
    draw();
  }
  function removeUnit() {
    if (state.knots.length <= 1) return;
    state.knots.pop();
    state.weights.pop();
    ids.pop();
    rescale();
    draw();
  }
  select.addEventListener("change", function () {
    state.target = select.value;
    draw();
  });

  layout();
  rescale();
  draw();
  if (window.ResizeObserver) {
    var last = width;
    new ResizeObserver(function () {
      var w = Math.max(300, Math.min(760, Math.round(root.clientWidth)));
      if (w !== last) { last = w; layout(); draw(); }
    }).observe(root);
  }
  return { state: state, draw: draw };
}
