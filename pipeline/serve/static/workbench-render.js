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

  // The source with its glossary terms marked (a click inserts the rendering).
  function sourceText(d, glossary) {
    const p = el('p', { class: 'seg__zh', lang: 'zh-Hans', 'data-role': 'source' });
    let at = 0;
    for (const [start, end, term] of d.marks || []) {
      if (start > at) p.append(d.source.slice(at, start));
      const mark = el('mark', { class: 'term-mark', 'data-term': term, text: d.source.slice(start, end) });
      const info = glossary[term];
      if (info) mark.title = `${info.english}${info.forbidden.length ? ` (not: ${info.forbidden.join(', ')})` : ''} · click to insert`;
      p.append(mark);
      at = end;
    }
    if (at < d.source.length) p.append(d.source.slice(at));
    return p;
  }

  function button(role, text, disabled, attrs) {
    const b = el('button', { type: 'button', 'data-role': role, text, ...(attrs || {}) });
    b.disabled = disabled;
    return b;
  }

  // One segment's section, as the translator works in it; returns its Segment.
  function draw(d, locale, glossary) {
    const locked = !d.in_catalog;
    const reviewedBy = el('span', { class: 'reviewed', 'data-role': 'reviewed-by',
      text: d.reviewed ? `reviewed by ${d.reviewed_by} on ${d.reviewed_on}` : '' });
    const meta = el('p', { class: 'seg__meta', id: `label-${d.id}` },
      el('a', { href: `#seg-${d.id}`, tabindex: '-1', text: d.id }), ' ',
      el('span', { text: d.kind }), ' ', el('span', { text: `line ${d.line}` }), ' ', reviewedBy);
    const source = sourceText(d, glossary);
    const sourceBox = el('div', { class: 'seg__source' }, meta, source);
    const text = el('textarea', { id: `t-${d.id}`, class: 'msgstr', 'data-segment': d.id, lang: locale,
      rows: '2', 'aria-label': `English for ${d.id}`, text: d.msgstr });
    text.readOnly = locked;
    const fuzzy = el('input', { type: 'checkbox', 'data-role': 'fuzzy' });
    fuzzy.defaultChecked = d.fuzzy;
    fuzzy.disabled = locked;
    const status = el('span', { class: 'badge', 'data-role': 'status', 'data-status': d.status, text: d.status });
    const save = button('save', 'Save', locked);
    const dirtyMark = el('span', { class: 'dirty', 'data-role': 'dirty', hidden: '', text: 'unsaved' });
    const review = button('review', d.reviewed ? 'Withdraw review' : 'Mark reviewed', locked);
    const controls = el('div', { class: 'seg__controls' }, status, el('label', {}, fuzzy, ' fuzzy'), save, dirtyMark);
    if (d.sentences) {
      controls.append(button('sentences', 'Sentences', false, { 'aria-pressed': 'false',
        title: 'Show the paragraph as aligned sentence rows (saved as one translation)' }));
    }
    controls.append(review);
    const findings = el('ul', { class: 'findings', 'data-role': 'findings', 'aria-label': `Check findings for ${d.id}` });
    const comment = el('textarea', { id: `c-${d.id}`, class: 'comment__text', 'data-role': 'comment', rows: '1',
      'aria-label': `Translator comment for ${d.id}`, text: d.comment || '' });
    comment.readOnly = locked;
    const details = el('details', { class: 'comment' }, el('summary', { text: 'Translator comment' }), comment);
    details.open = Boolean(d.comment);
    const section = el('section', { class: 'seg', id: `seg-${d.id}`, 'data-id': d.id, 'data-status': d.status,
      'data-reviewed': String(d.reviewed), 'data-in-catalog': String(d.in_catalog), 'data-fuzzy': String(d.fuzzy),
      'aria-labelledby': `label-${d.id}` },
    sourceBox, el('div', { class: 'seg__target' }, text, controls, findings, details));
    const s = new Segment({
      id: d.id, section, text, fuzzy, comment, save, status, dirtyMark, findings, review, reviewedBy, source,
      memoryAsked: false, memoryMatches: [], used: new Set(), termsDrawn: false,
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

  // Every segment of the page's data, drawn into `main` (before the obsolete entries).
  function drawAll(main, locale, glossary) {
    const data = document.getElementById('segments');
    const list = data ? JSON.parse(data.textContent) : [];
    const drawn = list.map((d) => draw(d, locale, glossary));
    const box = document.createDocumentFragment();
    for (const s of drawn) box.append(s.section);
    main.insertBefore(box, document.getElementById('obsolete'));
    return drawn;
  }

  return { drawAll, diffNodes };
})();
