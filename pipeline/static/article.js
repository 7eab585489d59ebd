// bilingual: link glossary terms across columns and remember the view choice.
// Everything here is an enhancement: without JavaScript the page shows both languages
// and the CSS-only view switch still works.
(function () {
  "use strict";
  function linked(term) {
    var pair = term.closest("[data-segment]");
    if (!pair) return [];
    return Array.prototype.filter.call(pair.querySelectorAll("dfn.term"), function (other) {
      return other !== term && other.getAttribute("data-term") === term.getAttribute("data-term");
    });
  }
  function mark(event, on) {
    var term = event.target.closest ? event.target.closest("dfn.term") : null;
    if (!term) return;
    linked(term).forEach(function (other) { other.classList.toggle("is-linked", on); });
    term.classList.toggle("is-linked", on);
  }
  document.addEventListener("mouseover", function (e) { mark(e, true); });
  document.addEventListener("mouseout", function (e) { mark(e, false); });
  document.addEventListener("focusin", function (e) { mark(e, true); });
  document.addEventListener("focusout", function (e) { mark(e, false); });
  var radios = document.querySelectorAll('input[name="view"]');
  function apply(view) { document.body.className = document.body.className.replace(/\bview-\w+/g, "").trim() + " view-" + view; }
  Array.prototype.forEach.call(radios, function (radio) {
    radio.addEventListener("change", function () {
      apply(radio.value);
      try { window.localStorage.setItem("bilingual-view", radio.value); } catch (err) { /* private mode */ }
    });
  });
  var saved = null;
  try { saved = window.localStorage.getItem("bilingual-view"); } catch (err) { saved = null; }
  if (saved) {
    var chosen = document.getElementById("view-" + saved);
    if (chosen) { chosen.checked = true; apply(saved); }
  }
})();
