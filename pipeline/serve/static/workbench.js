/* bilingual serve: the workbench page for one catalog (after workbench-core.js).
 *
 * Segments are drawn from the page's data (workbench-render.js); this fills in
 * what changes (status, findings, glossary terms, the previous-source diff) from
 * the JSON API, saves with the file's fingerprint, shows conflicts, filters and
 * handles the keys, with one listener per kind of event for the whole page. */
'use strict';

(() => {
  const { token, el, announce, api, detail, showTokenState } = window.bilingualWorkbench;
  const CHECK_DELAY_MS = 300;
  const WATCH_MS = 1500;

  // -- the article page ------------------------------------------------------

  const segs = new Map(); // id -> segment record
  const order = [];
  const page = { slug: '', locale: '', fingerprint: '', canonical: true, allowReformat: false };

  function inputs(s) {
    return { msgstr: s.text.value, fuzzy: s.fuzzy.checked, comment: s.comment.value };
  }

  function sameState(a, b) {
    return a.msgstr === b.msgstr && a.fuzzy === b.fuzzy && a.comment === b.comment;
  }

  function setDirty(s) {
    s.dirty = !!s.base && !sameState(inputs(s), s.base);
    s.dirtyMark.hidden = !s.dirty;
    s.section.dataset.dirty = s.dirty ? 'true' : 'false';
    const unsaved = order.filter((x) => x.dirty).length;
    const all = document.getElementById('save-all');
    if (all) {
      all.disabled = unsaved === 0;
      all.textContent = unsaved ? `Save all unsaved (${unsaved})` : 'Save all unsaved';
    }
  }

  function renderStatus(s, status) {
    s.status.textContent = status;
    s.status.dataset.status = status;
  }

  function renderFindings(s, findings) {
    s.findings.replaceChildren(...findings.map((f) => el('li', { class: `finding finding--${f.severity}` },
      el('span', { class: 'finding__code', text: f.code }), ' ', f.message)));
    s.findingCount = findings.length;
    s.section.dataset.findings = String(findings.length);
  }

  function insertAtCursor(area, text) {
    if (area.readOnly) return;
    area.focus();
    area.setRangeText(text, area.selectionStart, area.selectionEnd, 'end');
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }

  function termButton(text, title) {
    // Out of the Tab order: Tab goes from segment to segment; Alt+n inserts.
    // A click inserts at the caret (onClick; onMouseDown keeps the caret).
    return el('button', { type: 'button', class: 'term__insert', title, text, tabindex: '-1', 'data-insert': text });
  }

  // The box typing goes to: the sentence row being edited when the sentence view
  // is open (the paragraph's box is hidden then), else the paragraph's box.
  function editing(s) {
    const active = document.activeElement;
    return s.sentences && active && s.section.contains(active)
      && active.matches('textarea.sentence__target') ? active : s.text;
  }

  function renderTerms(s, terms) {
    s.termsDrawn = true;
    s.used = new Set(terms.filter((t) => t.present).map((t) => t.term));
    s.termsBox.hidden = terms.length === 0;
    s.terms.replaceChildren(...terms.map((t) => {
      const item = el('li', { class: t.present ? 'term term--present' : 'term term--missing' },
        el('span', { class: 'term__zh', lang: 'zh-Hans', text: t.term }), ' ',
        termButton(t.english, `insert “${t.english}”${t.note ? ` (${t.note})` : ''}`));
      for (const variant of t.variants) item.append(' ', termButton(variant, `insert the variant “${variant}”`));
      if (t.forbidden.length) item.append(' ', el('span', { class: 'term__forbidden', text: `not: ${t.forbidden.join(', ')}` }));
      item.append(' ', el('span', { class: 'term__state', text: t.present ? '✓ used' : 'not used yet' }));
      return item;
    }));
    const used = new Map(terms.map((t) => [t.term, t.present]));
    for (const mark of s.source.querySelectorAll('mark.term-mark')) {
      mark.classList.toggle('term-mark--used', Boolean(used.get(mark.dataset.term)));
    }
    if (s.memory) s.memory.start = terms.length + 1;
  }

  // The glossary list of a segment, drawn when the translator first enters it: the
  // terms marked in its source, from the page's one copy of each term.
  function termsOf(s) {
    window.bilingualSegments.markSource(s);
    const seen = new Map();
    for (const mark of s.source.querySelectorAll('mark.term-mark')) {
      const info = page.glossary[mark.dataset.term];
      if (info && !seen.has(mark.dataset.term)) {
        seen.set(mark.dataset.term, { term: mark.dataset.term, ...info, present: s.used.has(mark.dataset.term) });
      }
    }
    return [...seen.values()];
  }

  function drawTerms(s) {
    if (s.termsDrawn) return;
    s.termsDrawn = true;
    renderTerms(s, termsOf(s));
  }

  // Alt+n: the n-th glossary term's approved rendering, then the memory matches.
  function insertNth(s, n) {
    drawTerms(s);
    const terms = [...s.terms.querySelectorAll(':scope > li')];
    if (n <= terms.length) {
      const button = terms[n - 1].querySelector('button.term__insert');
      if (button) insertAtCursor(editing(s), button.dataset.insert);
      return true;
    }
    const match = s.memoryMatches[n - terms.length - 1];
    if (!match) return false;
    replaceWith(s, match.target);
    return true;
  }

  function replaceWith(s, text) {
    if (s.text.readOnly) return;
    s.text.value = text;
    s.text.dispatchEvent(new Event('input', { bubbles: true }));
    s.text.focus();
  }

  // The best memory matches for a segment, asked once, when the translator first
  // goes to it: score, where it comes from, the source difference, one-click insert.
  async function showMemory(s) {
    if (s.memoryAsked || !s.memory) return;
    s.memoryAsked = true;
    const url = `/api/articles/${encodeURIComponent(page.slug)}/${encodeURIComponent(page.locale)}/memory?segment=${encodeURIComponent(s.id)}`;
    const result = await api('GET', url);
    if (result.status !== 200 || !result.data.matches.length) return;
    // Whole matches are numbered for Alt+n; a partial one is shown for reference
    // (its translation covers a longer text), with the shared run marked.
    const whole = result.data.matches.filter((m) => m.kind !== 'partial');
    const partial = result.data.matches.filter((m) => m.kind === 'partial');
    s.memoryMatches = whole;
    s.memory.start = s.terms.querySelectorAll(':scope > li').length + 1;
    s.memory.replaceChildren(...whole.map((m) => {
      const diff = el('span', { class: 'memory__diff', lang: 'zh-Hans' }, ...m.diff.map((op) =>
        op.op === 'equal' ? document.createTextNode(op.text) : el(op.op === 'insert' ? 'ins' : 'del', { text: op.text })));
      const insert = el('button', { type: 'button', class: 'memory__insert', text: m.target, tabindex: '-1',
        title: `replace the translation with this ${m.kind} match (${m.origin})` });
      insert.addEventListener('click', () => replaceWith(s, m.target));
      return el('li', { class: 'memory__match' },
        el('span', { class: 'memory__score', text: m.exact ? 'exact' : `${Math.round(m.score)}%` }), ' ',
        diff, ' ', insert, ' ', el('span', { class: 'memory__origin', text: m.origin }));
    }));
    if (partial.length) {
      s.memoryBox.append(el('ul', { class: 'memory__partials' }, ...partial.map((m) => el('li', { class: 'memory__match memory__match--partial' },
        el('span', { class: 'memory__score', text: `partial ${Math.round(m.score)}%` }), ' ',
        el('span', { class: 'memory__diff', lang: 'zh-Hans' }, m.source.slice(0, m.run[0]),
          el('mark', { text: m.source.slice(m.run[0], m.run[1]) }), m.source.slice(m.run[1])), ' ',
        el('span', { class: 'memory__target', text: m.target }), ' ',
        el('span', { class: 'memory__origin', text: m.origin })))));
    }
    s.memoryBox.hidden = false;
  }

  function renderDiff(s, view) {
    if (!view.source_diff) return; // as the page drew it
    const shown = view.fuzzy && view.previous_source !== null;
    if (!shown && !s.diffBox) return; // no box made for nothing to show
    s.diff.hidden = !shown;
    s.diffText.replaceChildren(...window.bilingualSegments.diffNodes(view.source_diff.map((op) => [op.op, op.text])));
  }

  function stateBlock(label, state) {
    if (!state) return el('div', { class: 'conflict__side' }, el('h3', { text: label }), el('p', { text: '(the entry is gone from the file)' }));
    return el('div', { class: 'conflict__side' }, el('h3', { text: label }),
      el('pre', { class: 'conflict__text', text: state.msgstr || '(empty)' }),
      el('p', { text: state.fuzzy ? 'fuzzy' : 'not fuzzy' }),
      state.comment ? el('pre', { class: 'conflict__comment', text: `# ${state.comment}` }) : '');
  }

  function showConflict(s, conflict, fingerprint, message) {
    const keep = el('button', { type: 'button', text: 'Keep mine (save over the disk version)' });
    const take = el('button', { type: 'button', text: 'Use the disk version' });
    keep.addEventListener('click', async () => {
      s.base = conflict.disk; // merge against what is on disk now: yours wins this entry
      await save([s], fingerprint);
      await refresh();
    });
    take.addEventListener('click', async () => {
      if (conflict.disk) applyServer(s, { ...s.view, msgstr: conflict.disk.msgstr, fuzzy: conflict.disk.fuzzy, comment: conflict.disk.comment }, true);
      s.conflict.hidden = true;
      await refresh();
    });
    s.conflict.replaceChildren(
      el('p', { class: 'conflict__title', text: message }),
      el('div', { class: 'conflict__sides' }, stateBlock('Yours', conflict.yours), stateBlock('On disk', conflict.disk)),
      el('p', {}, keep, ' ', take));
    s.conflict.hidden = false;
  }

  // Apply what the server says is on disk. A segment with unsaved edits keeps
  // them; if the disk changed under it, the conflict is shown, never hidden.
  function applyServer(s, view, force) {
    const disk = { msgstr: view.msgstr, fuzzy: view.fuzzy, comment: view.comment };
    s.view = view;
    renderDiff(s, view);
    if (s.dirty && !force) {
      if (s.base && !sameState(disk, s.base)) {
        showConflict(s, { yours: inputs(s), disk }, page.fingerprint,
          'This entry changed on disk while you were editing it.');
      }
      s.base = disk;
      setDirty(s);
      return;
    }
    s.base = disk;
    s.text.value = view.msgstr;
    window.bilingualSentences.sync(s, page);
    s.fuzzy.checked = view.fuzzy;
    s.comment.value = view.comment;
    grow(s.text);
    grow(s.comment);
    s.section.dataset.status = view.status;
    renderStatus(s, view.status);
    renderReview(s, view);
    renderFindings(s, view.findings);
    if (view.terms) renderTerms(s, view.terms);
    setDirty(s);
  }

  function renderReview(s, view) {
    s.section.dataset.reviewed = String(Boolean(view.reviewed));
    if (s.review) s.review.textContent = view.reviewed ? 'Withdraw review' : 'Mark reviewed';
    if (s.reviewedBy) s.reviewedBy.textContent = view.reviewed ? `reviewed by ${view.reviewed_by} on ${view.reviewed_on}` : '';
  }

  function renderProgress(progress) {
    const box = document.getElementById('progress');
    if (!box) return;
    box.replaceChildren(
      el('meter', { min: '0', max: '100', value: String(progress.percent) }), ' ',
      // The same span as the page's own (the narrow header hides it), rounded down as
      // everywhere else: 99.6% is not done.
      el('span', { class: 'progress__text', text:
        `${progress.translated} of ${progress.total} translated · ${progress.fuzzy} fuzzy · `
        + `${progress.untranslated} untranslated · ${Math.floor(progress.percent)}% by characters` }));
  }

  function renderNotices(notices) {
    const list = document.getElementById('notices');
    if (list) list.replaceChildren(...notices.map((n) => el('li', { text: n })));
  }

  function currentFilter() {
    const checked = document.querySelector('input[name="filter"]:checked');
    return checked ? checked.value : 'all';
  }

  function matches(s, filter) {
    const status = s.section.dataset.status;
    if (filter === 'untranslated') return status === 'untranslated';
    if (filter === 'fuzzy') return status === 'fuzzy';
    if (filter === 'findings') return s.findingCount > 0;
    if (filter === 'reviewed') return s.section.dataset.reviewed === 'true';
    if (filter === 'obsolete') return false;
    if (filter === 'unreviewed') return status === 'translated' && s.section.dataset.reviewed !== 'true';
    return true;
  }

  function applyFilter() {
    const filter = currentFilter();
    for (const s of order) s.section.hidden = !matches(s, filter);
    const obsolete = document.getElementById('obsolete');
    if (obsolete) obsolete.hidden = !['all', 'obsolete'].includes(filter);
    for (const name of ['all', 'untranslated', 'fuzzy', 'findings', 'unreviewed', 'reviewed']) {
      const count = document.querySelector(`[data-count="${name}"]`);
      if (count) count.textContent = `(${order.filter((s) => matches(s, name)).length})`;
    }
  }

  async function load() {
    const result = await api('GET', `/api/articles/${encodeURIComponent(page.slug)}/${encodeURIComponent(page.locale)}`);
    if (result.status !== 200) {
      announce(`Could not load the catalog: ${detail(result)}`);
      return null;
    }
    const view = result.data;
    page.fingerprint = view.fingerprint;
    page.canonical = view.canonical;
    renderProgress(view.progress);
    renderNotices(view.notices);
    return view;
  }

  async function refresh() {
    const view = await load();
    if (!view) return;
    for (const sv of view.segments) {
      const s = segs.get(sv.id);
      if (s) applyServer(s, sv, false);
    }
    applyFilter();
  }

  function scheduleCheck(s) {
    clearTimeout(s.timer);
    s.timer = setTimeout(() => check(s), CHECK_DELAY_MS);
  }

  async function check(s) {
    if (!token || !s.view || !s.view.in_catalog) return;
    const seq = ++s.checkSeq;
    const now = inputs(s);
    const result = await api('POST', `/api/articles/${encodeURIComponent(page.slug)}/${encodeURIComponent(page.locale)}/check`,
      { segment: s.id, msgstr: now.msgstr, fuzzy: now.fuzzy, comment: now.comment });
    if (seq !== s.checkSeq || result.status !== 200) return;
    renderStatus(s, result.data.status);
    renderFindings(s, result.data.findings);
    renderTerms(s, result.data.terms);
  }

  // Who saves: the server's --translator, else a name asked once, kept in localStorage.
  function translatorName() {
    if (document.body.dataset.translator) return null;
    let name = '';
    try { name = window.localStorage.getItem('bilingual.translator') || ''; } catch (e) { name = ''; }
    if (!name && !page.askedName) {
      page.askedName = true;
      name = (window.prompt('Your name, recorded with your saves (kept in this browser):') || '').trim();
      try { if (name) window.localStorage.setItem('bilingual.translator', name); } catch (e) { /* private mode */ }
    }
    return name || null;
  }

  async function save(list, fingerprint, extra) {
    const edits = list.filter((s) => s.view && s.view.in_catalog).map((s) => ({
      segment: s.id, ...inputs(s), base: s.base, source: s.view.source, ...(extra || {}) }));
    if (!edits.length) return false;
    if (!token) {
      announce('Not saved: this page has no access token. Open the URL printed by `bilingual serve`.');
      return false;
    }
    const body = { fingerprint: fingerprint || page.fingerprint, edits, allow_reformat: page.allowReformat };
    const who = translatorName();
    if (who) body.translator = who;
    const result = await api('PATCH', `/api/articles/${encodeURIComponent(page.slug)}/${encodeURIComponent(page.locale)}`, body);
    if (result.status === 200) {
      page.fingerprint = result.data.fingerprint;
      for (const s of list) s.hideConflict();
      for (const sv of result.data.segments) {
        const s = segs.get(sv.id);
        if (s) applyServer(s, sv, true);
      }
      renderProgress(result.data.progress);
      applyFilter();
      reloadPreview();
      announce(result.data.changed ? `Saved ${result.data.saved.join(', ')}.` : 'Nothing to save: the file already says that.');
      return true;
    }
    if (result.status === 409) {
      const data = result.data;
      for (const c of data.conflicts) {
        const s = segs.get(c.segment);
        if (s) showConflict(s, c, data.fingerprint, data.detail);
      }
      if (data.saved && data.saved.length) await refresh();
      announce(`Not saved: ${data.detail}`);
      return false;
    }
    if (result.status === 400 && !page.canonical && !page.allowReformat
        && window.confirm(`${detail(result)}\n\nSave anyway and let the file be rewrapped?`)) {
      page.allowReformat = true;
      return save(list, fingerprint);
    }
    announce(`Not saved: ${detail(result)}`);
    return false;
  }

  function reloadPreview() {
    const aside = document.getElementById('preview');
    const frame = aside && aside.querySelector('iframe');
    if (frame && !aside.hidden) frame.src = `${frame.dataset.src}?t=${Date.now()}`;
  }

  function segmentOf(node) {
    const section = node && node.closest ? node.closest('section.seg') : null;
    return section ? segs.get(section.dataset.id) : undefined;
  }

  function unfinished(s) {
    const status = s.status.dataset.status || s.section.dataset.status;
    return s.dirty || status !== 'translated';
  }

  function goTo(s, quiet) {
    s.text.focus({ preventScroll: true });
    // The whole segment in view below the sticky header: its source with the target.
    s.section.scrollIntoView({ block: 'nearest' });
    if (!quiet) announce(`${s.id}: ${s.status.textContent}`);
  }

  // The next visible segment after the one with the focus (step -1: before it);
  // `only` narrows it (unfinished ones). Returns false at either end.
  function move(step, only, quiet) {
    const current = segmentOf(document.activeElement);
    let index = current ? order.indexOf(current) : (step > 0 ? -1 : order.length);
    for (index += step; index >= 0 && index < order.length; index += step) {
      const s = order[index];
      if (!s.section.hidden && (!only || only(s))) {
        goTo(s, quiet);
        return true;
      }
    }
    const what = only ? 'unfinished segment' : 'segment';
    if (!quiet) announce(step > 0 ? `No ${what} below.` : `No ${what} above.`);
    return false;
  }

  function toggleFuzzy(s) {
    if (s.fuzzy.disabled) return;
    s.fuzzy.checked = !s.fuzzy.checked;
    s.fuzzy.dispatchEvent(new Event('change', { bubbles: true }));
    announce(`${s.id}: ${s.fuzzy.checked ? 'fuzzy (a draft)' : 'not fuzzy'} (unsaved)`);
  }

  function toggleReview(s) {
    if (!s.review || s.review.disabled) return;
    save([s], undefined, { reviewed: !(s.view && s.view.reviewed) });
  }

  function openComment(s) {
    const details = s.comment.closest('details');
    if (details) details.open = true;
    s.comment.focus();
  }

  function openKeys() {
    const dialog = document.getElementById('keys');
    if (dialog && !dialog.open) dialog.showModal();
  }

  async function purge() {
    const button = document.getElementById('purge');
    if (!button) return;
    const count = Number(button.dataset.count);
    if (!window.confirm(`Remove ${count} obsolete entr${count === 1 ? 'y' : 'ies'} from the catalog for good?`)) return;
    const msgids = [...document.querySelectorAll('.obsolete__entry')].map((li) => li.dataset.msgid);
    const result = await api('POST', `/api/articles/${encodeURIComponent(page.slug)}/${encodeURIComponent(page.locale)}/purge`,
      { fingerprint: page.fingerprint, msgids });
    if (result.status === 200) {
      page.fingerprint = result.data.fingerprint;
      document.getElementById('obsolete').remove();
      const option = document.querySelector('input[name="filter"][value="obsolete"]');
      if (option) option.closest('label').remove();
      announce(`Purged ${result.data.purged} obsolete entr${result.data.purged === 1 ? 'y' : 'ies'}.`);
    } else {
      announce(`Not purged: ${detail(result)}`);
    }
  }

  function onKey(event) {
    const mod = event.ctrlKey || event.metaKey;
    const s = segmentOf(document.activeElement);
    const inTarget = s && document.activeElement === s.text;
    const code = event.code || '';
    if (mod && !event.altKey && event.key === 'Enter') {
      if (!s) return;
      event.preventDefault();
      save([s]).then((ok) => { if (ok || !s.dirty) move(1, null, true); });
    } else if (mod && !event.altKey && !event.shiftKey && code === 'KeyS') {
      event.preventDefault();
      save(order.filter((x) => x.dirty));
    } else if (mod && !event.altKey && code === 'Slash') {
      event.preventDefault();
      openKeys();
    } else if (mod && !event.altKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1, event.shiftKey ? unfinished : null);
    } else if (event.altKey && !mod && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1, unfinished);
    } else if (mod && !event.altKey && !event.shiftKey && code === 'KeyU' && s) {
      event.preventDefault();
      toggleFuzzy(s);
    } else if (event.altKey && !mod && !event.shiftKey && code === 'KeyR' && s) {
      event.preventDefault();
      toggleReview(s);
    } else if (event.altKey && !mod && !event.shiftKey && code === 'KeyC' && s) {
      event.preventDefault();
      openComment(s);
    } else if (event.altKey && !mod && event.shiftKey && code === 'KeyP') {
      event.preventDefault();
      purge();
    } else if (event.altKey && !mod && /^Digit[1-9]$/.test(code) && s) {
      event.preventDefault();
      if (!insertNth(s, Number(code.slice(5)))) announce(`${s.id}: nothing numbered ${code.slice(5)} to insert`);
    } else if (event.key === 'Tab' && !mod && !event.altKey && inTarget) {
      // From translation to translation, not through every button between them.
      if (move(event.shiftKey ? -1 : 1)) event.preventDefault();
    } else if (event.key === 'Escape' && s && document.activeElement === s.comment) {
      s.text.focus();
    }
  }

  // Boxes grow with their text: CSS `field-sizing: content` where the browser has
  // it; elsewhere the height follows the scroll height on every input.
  const GROWS = window.CSS && CSS.supports && CSS.supports('field-sizing', 'content');
  function grow(area) {
    if (GROWS) return;
    area.style.height = 'auto';
    area.style.height = `${area.scrollHeight + 2}px`;
  }

  // One listener per kind of event for the whole page, not one per segment: the
  // segment is the section the event happened in.
  function onInput(event) {
    const s = segmentOf(event.target);
    if (!s) return;
    if (event.target === s.text) {
      if (s.base && s.base.fuzzy && s.fuzzy.checked && s.text.value !== s.base.msgstr && !s.fuzzyTouched) {
        s.fuzzy.checked = false; // editing a draft reviews it (tick fuzzy to keep it a draft)
      }
      grow(s.text);
      window.bilingualSentences.sync(s, page); // a memory match replaced the whole text
    } else if (event.target === s.comment) {
      grow(s.comment);
    } else {
      return; // a sentence row: it writes the paragraph's box, which comes here
    }
    setDirty(s);
    scheduleCheck(s);
  }

  function onChange(event) {
    const s = segmentOf(event.target);
    if (!s || event.target !== s.fuzzy) return;
    s.fuzzyTouched = true;
    setDirty(s);
    scheduleCheck(s);
  }

  // Entering a segment draws its glossary list and asks for its memory matches.
  function onFocus(event) {
    const s = segmentOf(event.target);
    if (!s) return;
    window.bilingualSegments.markSource(s);
    if (event.target === s.text) {
      drawTerms(s);
      showMemory(s);
    } else if (event.target.matches('textarea.sentence__target')) {
      drawTerms(s);
    }
  }

  // Term chips and marks keep the caret where it is: a click inserts there.
  function onMouseDown(event) {
    const s = segmentOf(event.target);
    if (!s) return;
    if (event.target.closest('button.term__insert')) event.preventDefault();
    else if (event.target.closest('mark.term-mark') && editing(s) === document.activeElement) event.preventDefault();
  }

  function onClick(event) {
    const s = segmentOf(event.target);
    if (!s) return;
    const target = event.target;
    const chip = target.closest('button.term__insert');
    const mark = target.closest('mark.term-mark');
    if (chip) {
      insertAtCursor(editing(s), chip.dataset.insert);
    } else if (mark && page.glossary[mark.dataset.term]) {
      insertAtCursor(editing(s), page.glossary[mark.dataset.term].english);
    } else if (target === s.save) {
      save([s]);
    } else if (target === s.review) {
      toggleReview(s);
    } else if (target.matches('[data-role="sentences"]')) {
      window.bilingualSentences.toggle(s, page, target);
    }
  }

  function listen(main) {
    main.addEventListener('input', onInput);
    main.addEventListener('change', onChange);
    main.addEventListener('focusin', onFocus);
    main.addEventListener('mousedown', onMouseDown);
    main.addEventListener('click', onClick);
    document.addEventListener('keydown', onKey);
  }

  async function loadFindings() {
    const result = await api('GET', `/api/articles/${encodeURIComponent(page.slug)}/${encodeURIComponent(page.locale)}/findings`);
    if (result.status !== 200) {
      announce(`Could not check the catalog: ${detail(result)}`);
    } else {
      for (const s of order) {
        const used = new Set(result.data.used[s.id] || []);
        if (!s.dirty && s.checkSeq === 0) {
          s.used = used;
          for (const mark of s.source.querySelectorAll('mark.term-mark')) mark.classList.toggle('term-mark--used', used.has(mark.dataset.term));
          if (s.termsDrawn) { s.termsDrawn = false; drawTerms(s); }
        }
      }
      for (const [id, findings] of Object.entries(result.data.findings)) {
        const s = segs.get(id);
        // A segment being edited shows the findings of what is typed (its own check).
        if (s && !s.dirty && s.checkSeq === 0) {
          s.view.findings = findings;
          renderFindings(s, findings);
        }
      }
      applyFilter();
    }
    document.body.dataset.checked = 'true';
  }

  async function articlePage() {
    page.slug = document.body.dataset.slug;
    page.locale = document.body.dataset.locale;
    page.fingerprint = document.body.dataset.fingerprint;
    const main = document.getElementById('main');
    page.glossary = main && main.dataset.glossary ? JSON.parse(main.dataset.glossary) : {};
    document.body.dataset.checked = 'false';
    const drawing = window.bilingualSegments.drawAll(main, page.locale, page.glossary, (part) => {
      for (const s of part) {
        segs.set(s.id, s);
        order.push(s);
        if (!GROWS) { grow(s.text); grow(s.comment); }
      }
    });
    listen(main);
    for (const radio of document.querySelectorAll('input[name="filter"]')) radio.addEventListener('change', applyFilter);
    const all = document.getElementById('save-all');
    if (all) all.addEventListener('click', () => save(order.filter((s) => s.dirty)));
    for (const button of document.querySelectorAll('[data-role="open-keys"]')) button.addEventListener('click', openKeys);
    const purgeButton = document.getElementById('purge');
    if (purgeButton) purgeButton.addEventListener('click', purge);
    const toggle = document.getElementById('preview-toggle');
    if (toggle) {
      toggle.addEventListener('click', () => {
        const aside = document.getElementById('preview');
        aside.hidden = !aside.hidden;
        toggle.setAttribute('aria-pressed', String(!aside.hidden));
        document.body.classList.toggle('with-preview', !aside.hidden);
        reloadPreview();
      });
    }
    window.addEventListener('beforeunload', (event) => {
      if (order.some((s) => s.dirty)) { event.preventDefault(); event.returnValue = ''; }
    });
    // The first screen is there to use; a long catalog's other segments follow.
    document.body.dataset.firstScreen = 'true';
    await drawing;
    applyFilter();
    // The version the page was made from: a change after it is noticed on the first tick.
    watch({ catalog: page.fingerprint, source: document.body.dataset.sourceVersion });
    // A link to a segment (#seg-…) finds it now that it is drawn.
    const linked = /^#seg-[\w-]+$/.test(location.hash) && document.getElementById(location.hash.slice(1));
    if (linked) linked.scrollIntoView();
    // Ready: every segment is in the page with its text (what the tests and the bench wait for).
    document.body.dataset.ready = 'true';
    await loadFindings();
  }

  // Live with the source: poll the cheap version endpoint; a changed catalog is
  // refreshed in place (unsaved edits kept, conflicts shown), a changed set of
  // segments reloads the page when nothing is unsaved (new segments appear).
  function watch(opened) {
    let last = opened;
    const url = `/api/articles/${encodeURIComponent(page.slug)}/${encodeURIComponent(page.locale)}/version`;
    const tick = async () => {
      const result = await api('GET', url);
      if (result.status === 200) {
        const now = result.data;
        if (last && (now.catalog !== last.catalog || now.source !== last.source)) {
          const view = await load();
          if (view) {
            const ids = view.segments.map((sv) => sv.id).join(' ');
            if (ids !== order.map((s) => s.id).join(' ')) {
              if (!order.some((s) => s.dirty)) { window.location.reload(); return; }
              announce('The source changed: save your edits, then reload to see the new segments.');
            }
            for (const sv of view.segments) {
              const s = segs.get(sv.id);
              if (s) applyServer(s, sv, false);
            }
            applyFilter();
          }
        }
        last = now;
      }
      setTimeout(tick, WATCH_MS);
    };
    setTimeout(tick, WATCH_MS);
  }

  document.addEventListener('DOMContentLoaded', () => {
    showTokenState();
    // The segments are drawn in the task after this event: the browser's own pass over a
    // page's form fields when it has loaded (Chromium's autofill, by all signs: a forced
    // layout for each box) then finds none, and the page is complete sooner.
    if (document.body.dataset.page === 'article') setTimeout(articlePage, 0);
    else document.body.dataset.ready = 'true';
  });
})();
