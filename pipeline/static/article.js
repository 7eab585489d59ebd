// bilingual: glossary marks, the view switch and the proof's filter.
// Everything here is an enhancement: without JavaScript the page shows both
// languages side by side, terms unmarked, and the controls stay hidden.
(function () {
  "use strict";
  var body = document.body;
  function remember(key, value) {
    try { window.localStorage.setItem(key, value); } catch (err) { /* storage off */ }
  }
  function recall(key) {
    try { return window.localStorage.getItem(key); } catch (err) { return null; }
  }

  // Headings that open with a full-width quote (“链”上…) should sit flush left. The
  // property (CSS Text 4) is newer than the HTML checker the tests run, so it is
  // added here rather than in the stylesheet.
  try {
    if (window.CSS && CSS.supports("text-spacing-trim", "trim-start") && document.styleSheets[0]) {
      document.styleSheets[0].insertRule(".pair--title > .zh, .pair--heading > .zh, .toc__zh, " +
        ".pair--kicker > .zh { text-spacing-trim: trim-start; }", document.styleSheets[0].cssRules.length);
    }
  } catch (err) { /* an older browser: the quote keeps its full width */ }

  // Printing: the running head (title · publication) in the page's top margin, from
  // page 2 on. Added through the CSSOM, which the page's CSP allows.
  var head = body.getAttribute("data-running-head");
  try {
    if (head && document.styleSheets[0]) {
      var sheet = document.styleSheets[0], text = JSON.stringify(head);
      sheet.insertRule("@page { @top-left { content: " + text + "; } }", sheet.cssRules.length);
      sheet.insertRule("@page :first { @top-left { content: none; } }", sheet.cssRules.length);
    }
  } catch (err) { /* margin boxes unsupported: pages keep their numbers only */ }

  // Glossary terms: hovering or focusing one highlights it and its counterpart
  // (same data-term) in the other column of the same pair. Only with marks on.
  function termOf(node) {
    return body.classList.contains("marks-on") && node && node.closest ? node.closest("dfn.term") : null;
  }
  function scopeOf(term) { return term.closest("[data-segment]") || document; }
  function group(term) {
    var key = term.getAttribute("data-term");
    return Array.prototype.filter.call(scopeOf(term).querySelectorAll("dfn.term"), function (other) {
      return other.getAttribute("data-term") === key;
    });
  }
  function mark(term, on) {
    group(term).forEach(function (other) { other.classList.toggle("is-linked", on); });
    if (!on) term.classList.remove("is-quiet");
  }
  // What find() picks under the pointer or focus is lit by show(it, true) while the
  // pointer or focus is on it, and by show(it, false) once it leaves (moving between
  // its own children is neither).
  function lightWhileOn(find, show) {
    function crossing(on) {
      return function (event) {
        var it = find(event.target);
        if (it && !it.contains(event.relatedTarget)) show(it, on);
      };
    }
    document.addEventListener("mouseover", crossing(true));
    document.addEventListener("mouseout", crossing(false));
    document.addEventListener("focusin", crossing(true));
    document.addEventListener("focusout", crossing(false));
  }
  lightWhileOn(termOf, mark);

  // One tab stop per paragraph: its first term; the arrow keys move between the
  // paragraph's terms (both columns), Escape hides the tooltip.
  function focusable(scope) {
    return Array.prototype.filter.call(scope.querySelectorAll("dfn.term"), function (t) {
      return !t.hasAttribute("data-in-link");
    });
  }
  document.addEventListener("keydown", function (event) {
    var term = termOf(event.target);
    if (!term) return;
    if (event.key === "Escape" || event.key === "Esc") { term.classList.add("is-quiet"); return; }
    var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (!step) return;
    var terms = focusable(scopeOf(term)), next = terms[terms.indexOf(term) + step];
    if (next) { event.preventDefault(); term.tabIndex = -1; next.tabIndex = 0; next.focus(); }
  });
  function setMarks(on) {
    body.classList.toggle("marks-on", on);
    Array.prototype.forEach.call(document.querySelectorAll("[data-segment]"), function (pair) {
      focusable(pair).forEach(function (t, i) {
        if (on) t.tabIndex = i === 0 ? 0 : -1; else t.removeAttribute("tabindex");
      });
    });
  }
  var toggle = document.getElementById("marks-toggle");
  if (toggle) {
    var state = toggle.querySelector(".marks-toggle__state");
    var showMarks = function (on) {
      setMarks(on);
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      if (state) state.textContent = on ? "on" : "off";
    };
    toggle.addEventListener("click", function () {
      var on = toggle.getAttribute("aria-pressed") !== "true";
      showMarks(on);
      remember("bilingual-marks", on ? "on" : "off");
    });
    showMarks(recall("bilingual-marks") === "on");
    toggle.hidden = false;
  } else if (document.querySelector(".edition--proof")) {
    setMarks(true);  // the proof always shows its terms
  }

  // Sentence groups (bilingual page): hovering, tapping or focusing a sentence
  // highlights it and its counterpart in the same pair. From a paragraph's number
  // (its one Tab stop) the arrow keys walk its sentences; Escape goes back.
  function sentenceOf(node) { return node && node.closest ? node.closest(".sent") : null; }
  function sentences(scope) { return scope.querySelectorAll(".zh .sent, .target .sent"); }
  function counterparts(sent) {
    var pair = scopeOf(sent), group = sent.getAttribute("data-sent");
    return pair.querySelectorAll('.sent[data-sent="' + group + '"]');
  }
  function match(sent, on) {
    Array.prototype.forEach.call(counterparts(sent), function (s) { s.classList.toggle("is-match", on); });
  }
  if (document.querySelector(".sent")) {
    lightWhileOn(sentenceOf, match);
    document.addEventListener("keydown", function (event) {
      var from = event.target, pair = from && from.closest ? from.closest("[data-segment]") : null;
      if (!pair || !(from.classList.contains("pnum") || from.classList.contains("sent"))) return;
      var list = Array.prototype.slice.call(sentences(pair));
      if (!list.length) return;
      if (event.key === "Escape" || event.key === "Esc") {
        var number = pair.querySelector(".pnum");
        if (from.classList.contains("sent") && number) { event.preventDefault(); number.focus(); }
        return;
      }
      var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      if (!step) return;
      var next = from.classList.contains("pnum") ? list[0] : list[list.indexOf(from) + step];
      if (next) {
        event.preventDefault();
        next.tabIndex = -1;
        next.focus();
      }
    });
  }

  // The proof: "needs attention only".
  var filter = document.getElementById("attention-only");
  if (filter) {
    filter.addEventListener("change", function () { body.classList.toggle("attention-only", filter.checked); });
    document.getElementById("proof-filter").hidden = false;
  }

  // View switch: both / source / target, remembered across visits.
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
    body.classList.remove("view-both", "view-zh", "view-target");
    body.classList.add("view-" + view);
    if (anchor) window.scrollBy(0, anchor.el.getBoundingClientRect().top - anchor.top);
  }
  Array.prototype.forEach.call(radios, function (radio) {
    radio.addEventListener("change", function () {
      if (!radio.checked) return;
      apply(radio.value, true);
      remember("bilingual-view", radio.value);
    });
  });
  var saved = recall("bilingual-view");
  var chosen = saved && document.getElementById("view-" + saved);
  if (chosen) {
    chosen.checked = true;
    apply(saved, false);
  }
  switcher.hidden = false;
})();
