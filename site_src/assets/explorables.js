/* Explorables: mounts each explorable placed on the page with
   [[explorable <answer>/<claim>]] (site_src/explorables.py).

   The build leaves the snippet placed as usual (its figure is what a reader
   without JavaScript sees) and, at the end of the page, one hidden element

     <div class="wr-explorable-data" hidden data-wr-for="snippet-<answer>-<claim>"
          data-wr-module="../assets/whyrelu/explorables/<claim>.js"
          data-wr-data='{ RESULTS["explorable"] of the snippet }'></div>

   This script imports the module (and explorables.css) only on pages that
   have one, and calls its mount(host, data, figure): the module builds the
   interactive figure in front of the static one, and this script then hides
   the static figure. No other host, no dependencies.

   An explorable is mounted when it comes near the screen (300 px ahead, by
   an IntersectionObserver), not when the page loads: building one lays out
   the whole page again, and on a phone that work would delay the page's
   first reaction to the reader (Lighthouse's "total blocking time") for a
   figure that may be a dozen screens down. */
(function () {
  "use strict";

  // Beside this script; loaded only by pages with an explorable, so that no
  // other page waits for it.
  var script = document.currentScript;
  var cssUrl = new URL("explorables.css", script ? script.src : document.baseURI).href;
  var cssReady = null;

  function stylesheet() {
    if (cssReady) return cssReady;
    var existing = document.querySelector('link[href="' + cssUrl + '"]');
    if (existing) return (cssReady = Promise.resolve());
    cssReady = new Promise(function (done) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = cssUrl;
      link.onload = link.onerror = function () { done(); };
      document.head.appendChild(link);
    });
    return cssReady;
  }

  var observer = null;

  function mountAll() {
    // Instant navigation swaps the page: forget the previous page's hosts.
    if (observer) observer.disconnect();
    observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        observer.unobserve(entry.target);
        mount(entry.target);
      });
    }, { rootMargin: "300px 0px" }) : null;
    var nodes = document.querySelectorAll(".wr-explorable-data[data-wr-for]");
    Array.prototype.forEach.call(nodes, function (node) {
      var host = document.getElementById(node.getAttribute("data-wr-for"));
      // The print page renames ids: there the static figure is the right one.
      if (!host || host.getAttribute("data-wr-explorable") === "mounted") return;
      host.wrData = node;
      if (observer) observer.observe(host);
      else mount(host);
    });
  }

  function mount(host) {
    var node = host.wrData;
    if (!node || host.getAttribute("data-wr-explorable") === "mounted") return;
    var data;
    try {
      data = JSON.parse(node.getAttribute("data-wr-data"));
    } catch (error) {
      console.error("explorable " + node.getAttribute("data-wr-for") + ": bad data", error);
      return;
    }
    host.setAttribute("data-wr-explorable", "mounted");
    var url = new URL(node.getAttribute("data-wr-module"), document.baseURI).href;
    Promise.all([import(url), stylesheet()]).then(function (loaded) {
      var module = loaded[0];
      var figure = host.querySelector("figure.wr-figure");
      module.mount(host, data, figure);
      host.classList.add("wr-explorable--live");
    }, function (error) {
      host.removeAttribute("data-wr-explorable");
      console.error("explorable " + url + " did not load", error);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
