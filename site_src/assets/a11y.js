// Names the theme's code-block toolbars.
//
// Material puts the copy button of each code block in a <nav> of its own, with
// no name. Two or more unnamed navigation landmarks on a page cannot be told
// apart by a screen reader's landmark list (axe: landmark-unique), so each gets
// a name that says which block it belongs to. The toolbars appear after the
// page loads (and again after each instant navigation): a MutationObserver
// names them as they come.
(function () {
  "use strict";
  function nameToolbars() {
    var toolbars = document.querySelectorAll("nav.md-code__nav");
    for (var i = 0; i < toolbars.length; i++) {
      var label = "Code block " + (i + 1) + " tools";
      if (toolbars[i].getAttribute("aria-label") !== label) {
        toolbars[i].setAttribute("aria-label", label);
      }
    }
  }
  new MutationObserver(nameToolbars).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
  nameToolbars();
})();
