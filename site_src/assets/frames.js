/* Frame player: turns every <figure class="wr-player"> into a small
   animation player with a play/pause button, a frame slider and the current
   frame's label.

   Markup it expects (made by site_src/pages.py from a snippet's
   "frames:<group>:<label>" figures):

     <figure class="wr-player" data-wr-frames='["a.png", ...]'
             data-wr-labels='["step 0", ...]' data-wr-interval="400">
       <img class="wr-player__img" src="a.png" alt="..." width="W" height="H">
       <figcaption>...</figcaption>
     </figure>

   No dependencies and no other hosts. Without JavaScript the first frame
   stays a plain figure. It never starts on its own: the reader presses play
   or moves the slider; under prefers-reduced-motion: reduce it stays that
   way, and a running animation stops when the reader turns that setting on.
   Frames
   are fetched only when the figure first comes near the viewport (or on the
   first interaction), so an unread player costs one image. */
(function () {
  "use strict";

  var READY = "wrPlayerReady";
  var reducedMotion = window.matchMedia
    ? window.matchMedia("(prefers-reduced-motion: reduce)")
    : { matches: false, addEventListener: function () {} };
  var ICONS = {
    play: '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><path d="M8 5v14l11-7z" fill="currentColor"/></svg>',
    pause: '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><path d="M6 5h4v14H6zm8 0h4v14h-4z" fill="currentColor"/></svg>'
  };

  function parseList(text) {
    try {
      var value = JSON.parse(text || "[]");
      return Array.isArray(value) ? value.map(String) : [];
    } catch (error) {
      return [];
    }
  }

  function make(tag, className, attributes) {
    var node = document.createElement(tag);
    node.className = className;
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    return node;
  }

  function setUp(figure) {
    if (figure.dataset[READY]) return;
    var frames = parseList(figure.getAttribute("data-wr-frames"));
    var labels = parseList(figure.getAttribute("data-wr-labels"));
    var image = figure.querySelector(".wr-player__img") || figure.querySelector("img");
    if (!image || frames.length < 2) return;
    figure.dataset[READY] = "1";
    while (labels.length < frames.length) labels.push(String(labels.length + 1));
    var interval = Math.max(50, parseInt(figure.getAttribute("data-wr-interval"), 10) || 400);
    var last = frames.length - 1;
    var index = Math.max(0, frames.indexOf(image.getAttribute("src")));
    var timer = null;
    var preloaded = null;
    var name = figureName(figure, image);

    var controls = make("div", "wr-player__controls", { role: "group", "aria-label": "Animation controls: " + name });
    var button = make("button", "wr-player__toggle", { type: "button" });
    var slider = make("input", "wr-player__slider", {
      type: "range", min: "0", max: String(last), step: "1", value: String(index),
      "aria-label": "Frame of the animation: " + name
    });
    var label = make("span", "wr-player__label", { "aria-live": "polite", "aria-atomic": "true" });
    controls.appendChild(button);
    controls.appendChild(slider);
    controls.appendChild(label);
    var caption = figure.querySelector("figcaption");
    figure.insertBefore(controls, caption && caption.parentNode === figure ? caption : null);
    // as wide as the frames, so the slider lines up under the picture
    var width = parseInt(image.getAttribute("width"), 10);
    if (width > 0) controls.style.maxWidth = width + "px";
    figure.classList.add("wr-player--ready");

    function preload() {
      if (preloaded) return;
      preloaded = frames.map(function (url) {
        var img = new Image();
        img.decoding = "async";
        img.src = url;
        return img;
      });
    }

    function show(i) {
      index = Math.min(last, Math.max(0, i));
      if (image.getAttribute("src") !== frames[index]) image.setAttribute("src", frames[index]);
      slider.value = String(index);
      var text = labels[index] + " (" + (index + 1) + " of " + frames.length + ")";
      slider.setAttribute("aria-valuetext", text);
      label.textContent = labels[index];
    }

    function renderButton() {
      var playing = timer !== null;
      button.innerHTML = playing ? ICONS.pause : ICONS.play;
      button.setAttribute("aria-label", playing ? "Pause animation" : "Play animation");
      button.title = button.getAttribute("aria-label");
      // A label that changes several times a second is noise to a screen reader.
      label.setAttribute("aria-live", playing ? "off" : "polite");
      figure.classList.toggle("wr-player--playing", playing);
    }

    function tick() {
      if (!figure.isConnected || document.hidden) {
        pause();
        return;
      }
      show(index >= last ? 0 : index + 1);
      // hold the last frame a little longer before looping
      timer = window.setTimeout(tick, index === last ? interval * 3 : interval);
    }

    function play() {
      if (timer !== null) return;
      preload();
      if (index >= last) show(0);
      timer = window.setTimeout(tick, interval);
      renderButton();
    }

    function pause() {
      if (timer !== null) window.clearTimeout(timer);
      timer = null;
      renderButton();
    }

    button.addEventListener("click", function () {
      if (timer !== null) pause();
      else play();
    });
    slider.addEventListener("input", function () {
      preload();
      pause();
      show(parseInt(slider.value, 10) || 0);
    });
    slider.addEventListener("focus", preload);
    if (reducedMotion.addEventListener) {
      reducedMotion.addEventListener("change", function (event) {
        if (event.matches) pause();
      });
    }

    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) {
          preload();
          observer.disconnect();
        }
      }, { rootMargin: "200px" });
      observer.observe(figure);
    }

    show(index);
    renderButton();
  }

  function figureName(figure, image) {
    var caption = figure.querySelector("figcaption strong");
    var text = caption ? caption.textContent : image.getAttribute("alt") || "";
    text = text.replace(/\s+/g, " ").replace(/[.\s]+$/, "").trim();
    return text || "figure";
  }

  function setUpAll() {
    var players = document.querySelectorAll(".wr-player");
    for (var i = 0; i < players.length; i++) setUp(players[i]);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    // Material's instant navigation swaps the page without reloading scripts.
    window.document$.subscribe(setUpAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
