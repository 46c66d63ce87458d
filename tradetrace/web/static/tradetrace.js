// tradetrace pages: show a hop's evidence when its arrow (or its row) is selected, and mark the
// selection in the drawing. Without this script the #fragment links still work through :target.
(function () {
  "use strict";

  function select(anchor) {
    var section = document.getElementById("ev-" + anchor);
    if (!section) {
      return;
    }
    document.querySelectorAll(".evidence.shown").forEach(function (el) { el.classList.remove("shown"); });
    document.querySelectorAll("g.hop.selected").forEach(function (el) { el.classList.remove("selected"); });
    section.classList.add("shown");
    var edge = document.getElementById(anchor);
    if (edge) {
      edge.classList.add("selected");
    }
  }

  function anchorFromHash() {
    var hash = window.location.hash || "";
    return hash.indexOf("#ev-") === 0 ? hash.slice(4) : null;
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) {
      return;
    }
    var edge = target.closest("g.hop");
    var row = target.closest("a.hop-link");
    var anchor = edge ? edge.id : row ? row.getAttribute("data-hop") : null;
    if (anchor) {
      select(anchor);
    }
  });

  window.addEventListener("hashchange", function () {
    var anchor = anchorFromHash();
    if (anchor) {
      select(anchor);
    }
  });

  var initial = anchorFromHash();
  if (initial) {
    select(initial);
  }
})();
