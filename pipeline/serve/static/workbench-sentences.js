/* bilingual serve: a long segment as aligned sentence rows (after workbench-core.js,
 * before workbench.js, which calls `toggle` when a Sentences button is pressed).
 *
 * The server aligns the source with the translation as typed (POST .../sentences)
 * and answers one row per link: the Chinese sentence beside its English, each row
 * with the memory's matches for that sentence. Editing a row writes the rows back
 * into the segment's one translation box (what followed each sentence kept), so
 * saving, checking and the unsaved mark work as for any edit: the catalog keeps
 * one msgstr per paragraph. */
'use strict';

window.bilingualSentences = (() => {
  const { el, api, announce, detail } = window.bilingualWorkbench;
  const CONTEXT = 20;       // characters shown around a partial match's shared run
  const TARGET_SHOWN = 240; // characters of a partial match's (paragraph) translation

  // The rows as one msgstr: each non-empty row, then what followed it in the
  // translation (a sentence that had nothing after it gets the joiner).
  function joined(view) {
    let out = '';
    let gap = '';
    for (const row of view.rows) {
      const text = row.area.value.trim();
      if (!text) continue;
      if (out) out += gap || view.joiner;
      out += text;
      gap = row.after;
    }
    return out;
  }

  function put(area, text, replace) {
    if (area.readOnly) return;
    if (replace) area.value = text;
    else area.setRangeText(text, area.selectionStart, area.selectionEnd, 'end');
    area.dispatchEvent(new Event('input', { bubbles: true }));
    area.focus();
  }

  // Whole matches replace the row's text; a fragment (a shorter unit inside the
  // sentence) is inserted at the cursor; a partial one (a longer unit holding the
  // sentence) is shown for reference, its shared run marked.
  function matchItem(m, area) {
    const score = m.exact ? 'exact' : `${m.kind === 'sentence' || m.kind === 'segment' ? '' : `${m.kind} `}${Math.round(m.score)}%`;
    const item = el('li', { class: `memory__match memory__match--${m.kind}` },
      el('span', { class: 'memory__score', text: score }), ' ');
    if (m.kind === 'partial') {
      // A paragraph holding the sentence: its shared run with some context, and the
      // start of its translation (the whole is in the memory panel of the segment).
      const before = m.source.slice(Math.max(0, m.run[0] - CONTEXT), m.run[0]);
      const after = m.source.slice(m.run[1], m.run[1] + CONTEXT);
      item.append(el('span', { class: 'memory__diff', lang: 'zh-Hans' },
        m.run[0] > CONTEXT ? `…${before}` : before, el('mark', { text: m.source.slice(m.run[0], m.run[1]) }),
        m.run[1] + CONTEXT < m.source.length ? `${after}…` : after), ' ',
      el('span', { class: 'memory__target', text: m.target.length > TARGET_SHOWN ? `${m.target.slice(0, TARGET_SHOWN)}…` : m.target }));
    } else {
      const fragment = m.kind === 'fragment';
      const use = el('button', { type: 'button', class: 'memory__insert', text: m.target, tabindex: '-1',
        title: fragment ? `insert the translation of “${m.source}” at the cursor (${m.origin})`
          : `replace this sentence's translation with this match (${m.origin})` });
      use.addEventListener('mousedown', (e) => e.preventDefault()); // keep the caret
      use.addEventListener('click', () => put(area, m.target, !fragment));
      if (fragment) item.append(el('span', { class: 'memory__diff', lang: 'zh-Hans', text: m.source }), ' ');
      item.append(use);
    }
    item.append(' ', el('span', { class: 'memory__origin', text: m.origin }));
    return item;
  }

  function rowNode(s, view, row, k, locale) {
    const area = el('textarea', { class: 'msgstr sentence__target', lang: locale, rows: '1',
      'aria-label': `${s.id}, sentence ${k + 1}: translation`, 'data-row': String(k) });
    area.value = row.target;
    area.readOnly = s.text.readOnly;
    view.rows.push({ area, after: row.after });
    area.addEventListener('input', () => {
      s.text.value = joined(view);
      s.text.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const source = row.source
      ? el('p', { class: 'sentence__source', lang: 'zh-Hans', text: row.source })
      : el('p', { class: 'sentence__source sentence__source--none', text: '(no source sentence: added in translation)' });
    const target = el('div', { class: 'sentence__target-box' }, area);
    if (row.memory.length) target.append(el('ul', { class: 'memory sentence__memory' }, ...row.memory.map((m) => matchItem(m, area))));
    return el('div', { class: 'sentence', 'data-role': 'sentence', 'data-confidence': String(row.confidence) }, source, target);
  }

  async function open(s, page) {
    const url = `/api/articles/${encodeURIComponent(page.slug)}/${encodeURIComponent(page.locale)}/sentences`;
    const result = await api('POST', url, { segment: s.id, msgstr: s.text.value });
    if (result.status !== 200) {
      announce(`${s.id}: no sentence view: ${detail(result)}`);
      return false;
    }
    const view = { rows: [], joiner: result.data.joiner };
    const box = el('div', { class: 'sentences', 'data-role': 'sentence-rows', role: 'group', 'aria-label': `${s.id} sentence by sentence` },
      ...result.data.rows.map((row, k) => rowNode(s, view, row, k, page.locale)));
    close(s);
    s.sentences = { box, view };
    s.section.append(box);
    s.text.hidden = true;
    s.section.dataset.view = 'sentences';
    return true;
  }

  function close(s) {
    if (!s.sentences) return;
    s.sentences.box.remove();
    s.sentences = null;
    s.text.hidden = false;
    s.section.dataset.view = 'paragraph';
  }

  // The Sentences button toggles the view; the first row gets the focus.
  async function toggle(s, page, button) {
    if (s.sentences) {
      close(s);
      button.setAttribute('aria-pressed', 'false');
      s.text.focus();
      return;
    }
    if (await open(s, page)) {
      button.setAttribute('aria-pressed', 'true');
      const first = s.sentences.box.querySelector('textarea');
      if (first) first.focus();
    }
  }

  // The translation changed from outside the rows (saved elsewhere, the disk, a
  // conflict resolved): the rows are made again from what the box now says.
  function sync(s, page) {
    if (s.sentences && joined(s.sentences.view) !== s.text.value) open(s, page);
  }

  return { toggle, sync };
})();
