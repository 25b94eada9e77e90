/* "Fold the line" (docs/depth-and-linear-regions.md): compose a small ReLU
   layer with itself k times and count the straight pieces, beside one
   hidden layer with as many units.

   The networks are those of snippets/depth-and-linear-regions/fold-the-line.py
   (the tent of relu_kit.tent_net and the three-unit zigzag of
   snippets/_lib/zigzag.py, the page's one zigzag), read from its RESULTS
   and evaluated the same way (h W + b, layer by layer). The pieces are
   counted here by another method than the snippet's: the layer's kinks are pulled back through the
   function built so far, then neighbouring segments of equal slope are
   merged. tests/browser/test_explorables.py checks both against the
   snippet's RESULTS for every k. */

import { frame, html, linspace, svgEl } from "./_kit.js";

function relu(z) { return z > 0 ? z : 0; }

/* One layer of each construction, from the snippet's RESULTS (its
   "layers"): the first layer h = relu(w x + b) and the read-out v . h + c
   that the next layer reads. Hidden layer i > 1 is (W = v w, b = c w + b),
   as the snippet builds it. Set by mount(), before anything is drawn. */
var LAYERS = {};
var LABELS = { tent: "tent", zigzag: "zigzag" };

export function setLayers(layers) {
  LAYERS = {};
  Object.keys(layers).forEach(function (kind) {
    var L = layers[kind];
    LAYERS[kind] = {
      label: (LABELS[kind] || kind) + " (" + L.w.length + " units per layer)",
      width: L.w.length,
      // where each unit switches: w x + b = 0
      kinks: L.w.map(function (w, j) { return -L.b[j] / w; }).sort(function (p, q) { return p - q; }),
      first: { w: L.w, b: L.b },
      out: { v: L.v, c: L.c }
    };
  });
}

/* The network as a list of dense layers, built as the snippet builds it. */
export function deepNet(kind, k) {
  var L = LAYERS[kind];
  var layers = [{ W: [L.first.w.slice()], b: L.first.b.slice() }];
  for (var i = 1; i < k; i++) {
    var W = L.out.v.map(function (v) { return L.first.w.map(function (w) { return v * w; }); });
    var b = L.first.w.map(function (w, j) { return L.out.c * w + L.first.b[j]; });
    layers.push({ W: W, b: b });
  }
  layers.push({ W: L.out.v.map(function (v) { return [v]; }), b: [L.out.c] });
  return layers;
}

/* One hidden layer of n units, knots at j / (n + 1): flat, then a zigzag. */
export function shallowNet(n) {
  var w = [], b = [], v = [];
  for (var j = 0; j < n; j++) {
    w.push(1);
    b.push(-((j + 1) / (n + 1)));
    v.push([(j === 0 ? 1 : 2) * (j % 2 === 0 ? 1 : -1) * (n + 1)]);
  }
  return [{ W: [w], b: b }, { W: v, b: [0] }];
}

export function forward(net, x) {
  var h = [x];
  net.forEach(function (layer, index) {
    var out = layer.b.map(function (bias, j) {
      var s = 0;
      for (var i = 0; i < h.length; i++) s += h[i] * layer.W[i][j];
      return s + bias;
    });
    h = index < net.length - 1 ? out.map(relu) : out;
  });
  return h[0];
}

/* Corners of the composed map on [0, 1]: start from the identity and pull
   each layer's kinks back through the map built so far. */
export function deepCorners(kind, k) {
  var L = LAYERS[kind];
  var xs = [0, 1], ys = [0, 1];
  function layer(y) {
    var s = L.out.c;
    for (var j = 0; j < L.width; j++) s += L.out.v[j] * relu(L.first.w[j] * y + L.first.b[j]);
    return s;
  }
  for (var step = 0; step < k; step++) {
    var nx = [xs[0]], ny = [ys[0]];
    for (var i = 0; i + 1 < xs.length; i++) {
      var ya = ys[i], yb = ys[i + 1];
      var cuts = L.kinks.filter(function (q) { return q > Math.min(ya, yb) && q < Math.max(ya, yb); })
        .map(function (q) { return { x: xs[i] + (q - ya) / (yb - ya) * (xs[i + 1] - xs[i]), y: q }; })
        .sort(function (p, q) { return p.x - q.x; });
      cuts.forEach(function (c) { nx.push(c.x); ny.push(c.y); });
      nx.push(xs[i + 1]);
      ny.push(yb);
    }
    xs = nx;
    ys = ny.map(layer);
  }
  return { xs: xs, ys: ys };
}

export function shallowCorners(n) {
  var net = shallowNet(n), xs = [0];
  for (var j = 1; j <= n; j++) xs.push(j / (n + 1));
  xs.push(1);
  return { xs: xs, ys: xs.map(function (x) { return forward(net, x); }) };
}

/* Maximal straight pieces: neighbouring segments of equal slope merge. */
export function countPieces(corners) {
  var slopes = [];
  for (var i = 0; i + 1 < corners.xs.length; i++) {
    var dx = corners.xs[i + 1] - corners.xs[i];
    if (dx > 0) slopes.push((corners.ys[i + 1] - corners.ys[i]) / dx);
  }
  var pieces = slopes.length ? 1 : 0;
  for (var s = 1; s < slopes.length; s++) {
    if (Math.abs(slopes[s] - slopes[s - 1]) > 1e-9 * (1 + Math.abs(slopes[s]))) pieces++;
  }
  return pieces;
}

// ---------------------------------------------------------------- drawing

export function mount(host, data, figure) {
  setLayers(data.layers);
  var state = { net: data.start.net, k: data.start.k };
  var samples = linspace(0, 1, data.n_samples);
  var made = frame("fold", "Fold the line: compose a layer k times");
  var id = made.id, root = made.root, bar = made.bar;
  var fieldset = html("fieldset", "wr-ex__fieldset", null, bar);
  html("legend", null, "Each layer:", fieldset);
  Object.keys(LAYERS).forEach(function (kind) {
    var label = html("label", "wr-ex__radio", null, fieldset);
    var input = html("input", null, null, label);
    input.type = "radio";
    input.name = id + "-net";
    input.value = kind;
    input.checked = kind === state.net;
    input.addEventListener("change", function () { if (input.checked) { state.net = kind; draw(); } });
    html("span", null, LAYERS[kind].label, label);
  });
  // the slider and its label stay on one line together
  var sliderBox = html("div", "wr-ex__slider", null, bar);
  var sliderLabel = html("label", "wr-ex__field", null, sliderBox);
  sliderLabel.setAttribute("for", id + "-k");
  var kText = html("span", null, "", sliderLabel);
  var slider = html("input", "wr-ex__range", null, sliderBox);
  slider.type = "range";
  slider.id = id + "-k";
  slider.min = String(data.depths[0]);
  slider.max = String(data.depths[data.depths.length - 1]);
  slider.step = "1";
  slider.value = String(state.k);
  slider.addEventListener("input", function () { state.k = +slider.value; draw(); });

  var panels = html("div", "wr-ex__panels", null, root);
  function panel(name) {
    var box = html("div", "wr-ex__panel", null, panels);
    var svg = svgEl("svg", { class: "wr-ex__plot", viewBox: "0 0 320 170", role: "img" }, box);
    var caption = html("div", "wr-ex__caption", null, box);
    var head = html("p", null, null, caption);
    var count = html("output", "wr-ex__count", null, caption);
    count.setAttribute("data-panel", name);
    return { svg: svg, head: head, count: count };
  }
  var deep = panel("deep"), shallow = panel("shallow");
  deep.count.setAttribute("aria-live", "polite");
  shallow.count.setAttribute("aria-live", "polite");
  html("p", "wr-ex__help",
    "Move the slider (or focus it and press the arrow keys) to add layers. Depth multiplies the " +
    "pieces; the same units in one layer add them.", root);
  host.insertBefore(root, figure || host.firstChild);

  function plot(target, corners, className, label) {
    var svg = target.svg;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var W = 320, H = 170, left = 8, top = 8, w = W - 2 * left, h = H - 2 * top - 14;
    svgEl("rect", { x: left, y: top, width: w, height: h, class: "wr-ex__frame" }, svg);
    var d = corners.xs.map(function (x, i) {
      return (i ? "L" : "M") + (left + x * w).toFixed(2) + "," + (top + (1 - corners.ys[i]) * h).toFixed(2);
    }).join("");
    svgEl("path", { d: d, class: "wr-ex__curve " + className }, svg);
    ["0", "x", "1"].forEach(function (t, i) {
      svgEl("text", { x: left + i * w / 2, y: H - 4, class: "wr-ex__label", "text-anchor": ["start", "middle", "end"][i] }, svg).textContent = t;
    });
    svg.setAttribute("aria-label", label);
  }

  function draw() {
    var L = LAYERS[state.net], units = L.width * state.k;
    var deepC = deepCorners(state.net, state.k), shallowC = shallowCorners(units);
    var deepPieces = countPieces(deepC), shallowPieces = countPieces(shallowC);
    kText.textContent = "Layers k = " + state.k;
    slider.setAttribute("aria-valuetext", state.k + (state.k === 1 ? " layer, " : " layers, ") + units + " units");
    deep.head.textContent = state.k + (state.k === 1 ? " layer" : " layers") + " of " + L.width + " units (" + units + " units):";
    deep.count.textContent = deepPieces + " pieces";
    deep.count.setAttribute("data-value", String(deepPieces));
    shallow.head.textContent = "one layer of " + units + " units:";
    shallow.count.textContent = shallowPieces + " pieces (at most " + (units + 1) + ")";
    shallow.count.setAttribute("data-value", String(shallowPieces));
    plot(deep, deepC, "", "A sawtooth with " + deepPieces + " straight pieces from " + units + " units in " + state.k + " layers");
    plot(shallow, shallowC, "wr-ex__curve--shallow", "A zigzag with " + shallowPieces + " straight pieces from " + units + " units in one layer");
    var deepNetNow = deepNet(state.net, state.k), shallowNetNow = shallowNet(units);
    root.setAttribute("data-values", JSON.stringify(samples.map(function (x) { return forward(deepNetNow, x); })));
    root.setAttribute("data-shallow-values", JSON.stringify(samples.map(function (x) { return forward(shallowNetNow, x); })));
    root.setAttribute("data-state", JSON.stringify(state));
  }
  draw();
  return { state: state, draw: draw };
}
