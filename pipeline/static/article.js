// bilingual: link glossary terms across the two columns and switch the view.
// Everything here is an enhancement: without JavaScript the page shows both
// languages side by side and the view switch stays hidden.
(function () {
  "use strict";
  var body = document.body;

  // Headings that open with a full-width quote (“链”上…) should sit flush left. The
  // property (CSS Text 4) is newer than the HTML checker the tests run, so it is
  // added here rather than in the stylesheet.
  try {
    if (window.CSS && CSS.supports("text-spacing-trim", "trim-start") && document.styleSheets[0]) {
      document.styleSheets[0].insertRule(".pair--title > .zh, .pair--heading > .zh, .toc__zh, " +
        ".pair--kicker > .zh { text-spacing-trim: trim-start; }", document.styleSheets[0].cssRules.length);
    }
  } catch (err) { /* an older browser: the quote keeps its full width */ }

  // Glossary terms: hovering or focusing one highlights it and its counterparts
  // (same data-term) in the other column of the same pair.
  function termOf(node) {
    return node && node.closest ? node.closest("dfn.term") : null;
  }
  function group(term) {
    var scope = term.closest("[data-segment]") || document;
    var key = term.getAttribute("data-term");
    return Array.prototype.filter.call(scope.querySelectorAll("dfn.term"), function (other) {
      return other.getAttribute("data-term") === key;
    });
  }
  function mark(term, on) {
    group(term).forEach(function (other) { other.classList.toggle("is-linked", on); });
    if (!on) term.classList.remove("is-quiet");
  }
  function enter(event) {
    var term = termOf(event.target);
    if (term && !term.contains(event.relatedTarget)) mark(term, true);
  }
  function leave(event) {
    var term = termOf(event.target);
    if (term && !term.contains(event.relatedTarget)) mark(term, false);
  }
  document.addEventListener("mouseover", enter);
  document.addEventListener("mouseout", leave);
  document.addEventListener("focusin", enter);
  document.addEventListener("focusout", leave);
  document.addEventListener("keydown", function (event) {
    var term = termOf(event.target);
    if (term && (event.key === "Escape" || event.key === "Esc")) term.classList.add("is-quiet");
  });

  // View switch: both / Chinese / English, remembered across visits.
  var switcher = document.getElementById("view-switch");
  if (!switcher) return;
  var radios = switcher.querySelectorAll('input[name="view"]');
  function firstVisiblePair() {
    var pairs = document.querySelectorAll("[data-segment]");
    for (var i = 0; i < pairs.length; i++) {
      var box = pairs[i].getBoundingClientRect();
      if (box.bottom > 64) return { el: pairs[i], top: box.top };
    }
    return null;
  }
  function apply(view, keepPlace) {
    var anchor = keepPlace && window.scrollY > 0 ? firstVisiblePair() : null;
    body.classList.remove("view-both", "view-zh", "view-en");
    body.classList.add("view-" + view);
    if (anchor) window.scrollBy(0, anchor.el.getBoundingClientRect().top - anchor.top);
  }
  Array.prototype.forEach.call(radios, function (radio) {
    radio.addEventListener("change", function () {
      if (!radio.checked) return;
      apply(radio.value, true);
      try { window.localStorage.setItem("bilingual-view", radio.value); } catch (err) { /* storage off */ }
    });
  });
  var saved = null;
  try { saved = window.localStorage.getItem("bilingual-view"); } catch (err) { saved = null; }
  var chosen = saved && document.getElementById("view-" + saved);
  if (chosen) {
    chosen.checked = true;
    apply(saved, false);
  }
  switcher.hidden = false;
})();
