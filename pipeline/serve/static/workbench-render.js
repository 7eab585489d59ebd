/* bilingual serve: the article page's segments, drawn from the page's data (after
 * workbench-core.js, before workbench.js).
 *
 * The server sends the segments as one JSON data block, not as markup: the
 * browser parses a fraction of the bytes, and `draw` makes each segment's section
 * with only what every segment needs at once (source, translation, its controls,
 * the comment). What only some segments ever need (the glossary list, the memory
 * matches, the previous-source diff, a conflict) is made when first asked for.
 * Text goes in with textContent only. */
'use strict';

window.bilingualSegments = (() => {
  const { el } = window.bilingualWorkbench;
  const page = { glossary: {} }; // term -> its entry, one copy for the page

  // One segment of the page; the boxes few segments need are made on first use.
  class Segment {
    constructor(fields) {
      Object.assign(this, fields);
      this.made = null;
      this.diffBox = null;
    }

    boxes() {
      if (this.made) return this.made;
      const source = this.section.querySelector('.seg__source');
      const target = this.section.querySelector('.seg__target');
      const terms = el('ol', { class: 'terms', 'data-role': 'terms' });
      const termsBox = el('div', { class: 'seg__terms', 'data-role': 'terms-box', hidden: '' },
        el('p', { class: 'label' }, 'Glossary (', el('kbd', { text: 'Alt+1…' }), ' inserts)'), terms);
      const memory = el('ol', { class: 'memory', 'data-role': 'memory' });
      const memoryBox = el('div', { class: 'seg__memory', 'data-role': 'memory-box', hidden: '' },
        el('p', { class: 'label' }, 'Translation memory (', el('kbd', { text: 'Alt+n' }), ' inserts)'), memory);
      const conflict = el('div', { class: 'conflict', 'data-role': 'conflict', role: 'alert', hidden: '' });
      source.append(termsBox, memoryBox);
      target.append(conflict);
      this.made = { terms, termsBox, memory, memoryBox, conflict };
      return this.made;
    }

    get terms() { return this.boxes().terms; }

    get termsBox() { return this.boxes().termsBox; }

    get memory() { return this.boxes().memory; }

    get memoryBox() { return this.boxes().memoryBox; }

    get conflict() { return this.boxes().conflict; }

    hideConflict() { if (this.made) this.made.conflict.hidden = true; }

    // The source when it was translated -> now, under the source (fuzzy entries).
    get diff() {
      if (!this.diffBox) {
        this.diffBox = el('div', { class: 'seg__diff', 'data-role': 'diff', hidden: '' },
          el('p', { class: 'label' }, 'Source when it was translated (', el('code', { text: '#| msgid' }), ') → now:'),
          el('p', { class: 'diff', lang: 'zh-Hans', 'data-role': 'diff-text' }));
        this.source.after(this.diffBox);
      }
      return this.diffBox;
    }

    get diffText() { return this.diff.lastChild; }
  }

  function diffNodes(ops) {
    return ops.map(([op, text]) => {
      if (op === 'insert') return el('ins', { text });
      if (op === 'delete') return el('del', { text });
      return document.createTextNode(text);
    });
  }

  const titles = new Map(); // term -> its marks' tooltip, made once per page
  function titleOf(term) {
    if (!titles.has(term)) {
      const info = page.glossary[term];
      titles.set(term, info ? `${info.english}${info.forbidden.length ? ` (not: ${info.forbidden.join(', ')})` : ''} · click to insert` : '');
    }
    return titles.get(term);
  }

  // The source with its glossary terms marked (a click inserts the rendering), green
  // where the translation uses them. The first screen's sources are marked at once,
  // the others just after, a batch at a time (and any segment when entered): their
  // text is in the page from the start, the marks around it follow.
  function markSource(s) {
    if (s.marked) return;
    s.marked = true;
    if (!s.marks) return;
    const text = s.source.textContent;
    const parts = [];
    let at = 0;
    for (const [start, end, term] of s.marks) {
      if (start > at) parts.push(text.slice(at, start));
      const mark = document.createElement('mark');
      mark.className = s.used.has(term) ? 'term-mark term-mark--used' : 'term-mark';
      mark.dataset.term = term;
      mark.textContent = text.slice(start, end);
      const title = titleOf(term);
      if (title) mark.title = title;
      parts.push(mark);
      at = end;
    }
    if (at < text.length) parts.push(text.slice(at));
    s.source.replaceChildren(...parts);
  }

  const FIRST_SCREEN = 12; // sections a tall window shows at once: drawn and marked at once
  const SHORT = 40;        // a catalog this short is drawn in one go (parts: a second layout for nothing)
  // A long one's other sections, after the first screen is painted: made out of the
  // page, as many a task as fit in SLICE_MS, and put in together. Sections put in a
  // part a task cost a frame each that lays out the whole list again: for 1,000
  // entries in parts of 100 those frames cost more than the drawing.
  const SLICE_MS = 50;     // a task this long still lets a key through soon enough
  const STEP = 25;
  const BATCH = 50;        // marks, this many sections a task: typing stays responsive

  function markLater(list) {
    let next = FIRST_SCREEN;
    const step = () => {
      for (const end = Math.min(next + BATCH, list.length); next < end; next += 1) markSource(list[next]);
      if (next < list.length) setTimeout(step, 0);
    };
    setTimeout(step, 0);
  }

  // What every section has, made once and cloned for each segment (a clone is
  // one native call; making 20 nodes a segment one by one was most of the drawing).
  let proto = null;
  function prototype(locale) {
    if (proto) return proto;
    const button = (role, text) => el('button', { type: 'button', 'data-role': role, text });
    proto = {
      section: el('section', { class: 'seg' },
        el('div', { class: 'seg__source' },
          el('p', { class: 'seg__meta' }, el('a', { tabindex: '-1' }), ' ', el('span'), ' ', el('span'), ' ',
            el('span', { class: 'reviewed', 'data-role': 'reviewed-by' })),
          el('p', { class: 'seg__zh', lang: 'zh-Hans', 'data-role': 'source' })),
        el('div', { class: 'seg__target' },
          el('textarea', { class: 'msgstr', lang: locale, rows: '2' }),
          el('div', { class: 'seg__controls' },
            el('span', { class: 'badge', 'data-role': 'status' }),
            el('label', {}, el('input', { type: 'checkbox', 'data-role': 'fuzzy' }), ' fuzzy'),
            button('save', 'Save'), el('span', { class: 'dirty', 'data-role': 'dirty', hidden: '', text: 'unsaved' }),
            button('review', '')),
          el('ul', { class: 'findings', 'data-role': 'findings' }),
          el('details', { class: 'comment' }, el('summary', { text: 'Translator comment' }),
            el('textarea', { class: 'comment__text', 'data-role': 'comment', rows: '1' })))),
      sentences: el('button', { type: 'button', 'data-role': 'sentences', 'aria-pressed': 'false', text: 'Sentences',
        title: 'Show the paragraph as aligned sentence rows (saved as one translation)' }),
    };
    return proto;
  }

  // One segment's section, as the translator works in it; returns its Segment.
  function draw(d, locale) {
    const locked = !d.in_catalog;
    const made = prototype(locale);
    const section = made.section.cloneNode(true);
    const [sourceBox, targetBox] = section.children;
    const [meta, source] = sourceBox.children;
    const [text, controls, findings, details] = targetBox.children;
    const [status, fuzzyLabel, save, dirtyMark, review] = controls.children;
    const [link, kind, line, reviewedBy] = meta.children;
    const fuzzy = fuzzyLabel.firstChild;
    const comment = details.lastChild;
    section.id = `seg-${d.id}`;
    section.dataset.id = d.id;
    section.dataset.status = d.status;
    section.dataset.reviewed = String(d.reviewed);
    section.dataset.inCatalog = String(d.in_catalog);
    section.dataset.fuzzy = String(d.fuzzy);
    section.setAttribute('aria-labelledby', `label-${d.id}`);
    meta.id = `label-${d.id}`;
    link.href = `#seg-${d.id}`;
    link.textContent = d.id;
    kind.textContent = d.kind;
    line.textContent = `line ${d.line}`;
    if (d.reviewed) reviewedBy.textContent = `reviewed by ${d.reviewed_by} on ${d.reviewed_on}`;
    source.textContent = d.source;
    text.id = `t-${d.id}`;
    text.dataset.segment = d.id;
    text.setAttribute('aria-label', `English for ${d.id}`);
    text.textContent = d.msgstr;
    text.readOnly = locked;
    status.dataset.status = d.status;
    status.textContent = d.status;
    fuzzy.defaultChecked = d.fuzzy;
    fuzzy.disabled = locked;
    save.disabled = locked;
    review.textContent = d.reviewed ? 'Withdraw review' : 'Mark reviewed';
    review.disabled = locked;
    if (d.sentences) review.before(made.sentences.cloneNode(true));
    findings.setAttribute('aria-label', `Check findings for ${d.id}`);
    comment.id = `c-${d.id}`;
    comment.setAttribute('aria-label', `Translator comment for ${d.id}`);
    comment.readOnly = locked;
    if (d.comment) {
      comment.textContent = d.comment;
      details.open = true;
    }
    const s = new Segment({
      id: d.id, section, text, fuzzy, comment, save, status, dirtyMark, findings, review, reviewedBy, source,
      marks: d.marks || null, marked: false, memoryAsked: false, memoryMatches: [], used: new Set(), termsDrawn: false,
      // What the server sent is what is on disk: the page works from it at once.
      base: { msgstr: d.msgstr, fuzzy: d.fuzzy, comment: d.comment || '' },
      view: { id: d.id, in_catalog: d.in_catalog, source: d.source, msgstr: d.msgstr, fuzzy: d.fuzzy,
        comment: d.comment || '', status: d.status, reviewed: d.reviewed, findings: [] },
      dirty: false, findingCount: 0, checkSeq: 0, timer: 0,
    });
    if (d.diff) {
      s.diff.hidden = false;
      s.diffText.append(...diffNodes(d.diff));
    }
    return s;
  }

  // `then` once the frame showing what is in the page now is out (a hidden tab has no
  // frames: then after a short wait).
  function afterPaint(then) {
    let started = false;
    const go = () => {
      if (!started) { started = true; setTimeout(then, 0); }
    };
    requestAnimationFrame(go);
    setTimeout(go, 100);
  }

  // Every segment of the page's data, drawn into `main` (before the obsolete entries),
  // in order: a short catalog at once; a long one's first screen at once and, once it
  // is painted, the others made out of the page a slice a task and put in together, so
  // that its first screen is there to use while the rest is made. `add` is given each
  // part once it is in the page (the first before this returns); the promise resolves
  // with every segment once all are in the page.
  function drawAll(main, locale, glossary, add) {
    page.glossary = glossary;
    const data = document.getElementById('segments');
    const list = data ? JSON.parse(data.textContent) : [];
    const obsolete = document.getElementById('obsolete');
    const make = (from, to, box) => {
      const part = list.slice(from, to).map((d) => draw(d, locale));
      for (const s of part) box.append(s.section);
      return part;
    };
    const put = (part, box) => {
      main.insertBefore(box, obsolete);
      add(part);
      return part;
    };
    const first = list.length <= SHORT ? list.length : FIRST_SCREEN;
    const shown = document.createDocumentFragment();
    const drawn = put(make(0, first, shown), shown);
    drawn.slice(0, FIRST_SCREEN).forEach(markSource);
    return new Promise((done) => {
      const rest = [];
      const box = document.createDocumentFragment();
      let next = first;
      const step = () => {
        const start = performance.now();
        while (next < list.length && performance.now() - start < SLICE_MS) {
          rest.push(...make(next, next + STEP, box));
          next += STEP;
        }
        if (next < list.length) {
          setTimeout(step, 0);
          return;
        }
        if (rest.length) drawn.push(...put(rest, box));
        markLater(drawn);
        done(drawn);
      };
      if (next < list.length) afterPaint(step);
      else step();
    });
  }

  return { drawAll, diffNodes, markSource };
})();
