/* What the explorables share: numpy's linspace and two small element
   makers. Imported by the modules beside it ("./_kit.js"); not an
   explorable itself (no snippet is named with a leading underscore). */

export var SVG = "http://www.w3.org/2000/svg";

/* numpy.linspace(start, stop, num): i * step + start, and the last point is
   stop, so that the sample points are the snippet's to the last bit. */
export function linspace(start, stop, num) {
  var step = (stop - start) / (num - 1);
  var out = [];
  for (var i = 0; i < num; i++) out.push(i * step + start);
  out[num - 1] = stop;
  return out;
}

/* An HTML element with a class and text, appended to parent. */
export function html(tag, className, text, parent) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

/* An SVG element with attributes, appended to parent. */
export function svgEl(name, attributes, parent) {
  var node = document.createElementNS(SVG, name);
  Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, attributes[k]); });
  if (parent) parent.appendChild(node);
  return node;
}

var uid = 0;

/* An explorable's frame: a labelled group (class "wr-ex wr-ex--<kind>")
   with its title and an empty toolbar. ``id`` is unique on the page, for
   the ids and names the module gives its controls. */
export function frame(kind, titleText) {
  var id = "wr-ex-" + (++uid);
  var root = html("div", "wr-ex wr-ex--" + kind);
  root.setAttribute("role", "group");
  root.setAttribute("aria-labelledby", id + "-title");
  html("p", "wr-ex__title", titleText, root).id = id + "-title";
  var bar = html("div", "wr-ex__toolbar", null, root);
  return { id: id, root: root, bar: bar };
}
