/* bilingual: deal the pairs onto A4 sheets, Chinese verso and translation recto
   (render/facing.py). A spread takes whole pairs while both its pages hold them; a
   pair too long for a page is cut between sentence groups (the .sent spans, the
   same numbers on both sides), a table between rows; a heading, or a table's caption,
   is never the last thing on a page. */
(function () {
  "use strict";
  var main = document.getElementById("main"), sheets = document.getElementById("sheets");
  var folio = 1;

  function sheet(kind, head) {
    var s = document.createElement("div");
    s.className = "sheet sheet--" + kind;
    var h = document.createElement("div"), body = document.createElement("div"), f = document.createElement("div");
    h.className = "sheet__head"; h.textContent = head || "";
    body.className = "sheet__body";
    f.className = "sheet__folio"; f.textContent = String(folio++);
    s.append(h, body, f);
    sheets.append(s);
    return body;
  }

  function spread() {
    return {zh: sheet("verso", main.dataset.zhHead), target: sheet("recto", main.dataset.targetHead)};
  }

  function over(body) { return body.scrollHeight > body.clientHeight + 1; }
  function fits(page) { return !over(page.zh) && !over(page.target); }
  function empty(page) { return !page.zh.firstChild; }
  function put(page, parts) { page.zh.append(parts[0]); page.target.append(parts[1]); }
  function take(parts) { parts[0].remove(); parts[1].remove(); }

  function sides(pair) {
    return [pair.querySelector(".zh"), pair.querySelector(".target")].map(function (side) {
      var c = side.cloneNode(true);
      c.classList.add(pair.classList[1]);
      return c;
    });
  }

  // Where a pair may be cut: between its sentence groups, or a table's body rows (the
  // header row goes with every piece).
  function pieces(side) {
    return side.querySelectorAll(side.querySelector("table") ? "tbody > tr" : ".sent");
  }

  // The pair's sides holding only pieces from..to (inclusive).
  function groups(pair, from, to) {
    return sides(pair).map(function (side) {
      pieces(side).forEach(function (s, i) {
        var n = s.dataset.sent === undefined ? i : Number(s.dataset.sent);
        if (n < from || n > to) s.remove();
      });
      if (from > 0) side.querySelectorAll(".num").forEach(function (n) { n.remove(); });
      return side;
    });
  }

  function count(pair) {
    var n = pieces(pair.querySelector(".zh")).length;
    return n === pieces(pair.querySelector(".target")).length ? n : 0;
  }

  // A pair longer than a page: as many groups as fit on each spread.
  function cut(page, pair) {
    var total = count(pair), from = 0;
    while (from < total) {
      var to = from, parts = groups(pair, from, to);
      put(page, parts);
      while (to + 1 < total) {
        var more = groups(pair, from, to + 1);
        take(parts); put(page, more);
        if (!fits(page)) { take(more); put(page, parts); break; }
        parts = more; to += 1;
      }
      if (to + 1 < total) { parts[0].classList.add("cont"); parts[1].classList.add("cont"); }
      from = to + 1;
      if (from < total) page = spread();
    }
    return page;
  }

  // A heading, and the paragraph before a table (its caption), never end a page.
  function keptWithNext(pair) {
    var next = pair.nextElementSibling;
    return pair.classList.contains("fp--heading") || Boolean(next && next.classList.contains("fp--table"));
  }

  function paginate() {
    var title = document.querySelector(".title-page");
    var first = sheet("title", "");
    first.parentNode.querySelector(".sheet__folio").textContent = "";
    first.append(title.cloneNode(true));
    first.firstChild.className = "";
    var page = spread(), held = null;
    document.querySelectorAll(".fp-source > .fp").forEach(function (pair) {
      var parts = sides(pair);
      put(page, parts);
      if (fits(page)) { held = keptWithNext(pair) ? (held || []).concat([parts]) : null; return; }
      take(parts);
      if (!empty(page)) {
        page = spread();
        (held || []).forEach(function (kept) { take(kept); put(page, kept); });
        put(page, parts);
        if (fits(page)) { held = null; return; }
        take(parts);
      }
      held = null;
      if (count(pair) > 1) { page = cut(page, pair); return; }
      put(page, parts);  // one group longer than a page: it is cut off at the foot
      page.zh.parentNode.classList.add("sheet--over");
    });
    document.documentElement.classList.add("paginated");
    document.documentElement.dataset.sheets = String(folio - 1);
  }

  (document.fonts ? document.fonts.ready : Promise.resolve()).then(paginate);
})();
