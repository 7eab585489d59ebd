/* bilingual serve: the import review page (/import/SLUG).
 *
 * Shows content/SLUG.md block by block beside the raw file it was imported from (its
 * lines, or for a PDF its page images), and the importer's decisions, each with the one
 * click that makes it the other choice. Every block also has the plain flips (heading ↔
 * paragraph, join with the next, drop). A flip is POSTed with the file's fingerprint and
 * the server answers with the new state, which is drawn again. */
'use strict';

(() => {
  const { token, el, announce, api, detail } = window.bilingualWorkbench;
  const slug = document.body.dataset.slug;
  const url = `/api/import/${encodeURIComponent(slug)}`;
  let state = null;
  let busy = false;

  const ACTION = {
    paragraph: 'make it a paragraph', heading: 'make it a heading', join: 'join them',
    split: 'split here', drop: 'drop it', keep: 'keep it', lines: 'make it lines',
    table: 'make it a table',
  };

  async function send(flip, what) {
    if (busy) return;
    if (!token) {
      announce('Not changed: this page has no access token. Open the URL printed by `bilingual serve`.');
      return;
    }
    busy = true;
    const result = await api('POST', `${url}/flip`, { ...flip, fingerprint: state.fingerprint });
    busy = false;
    if (result.status === 200) {
      state = result.data;
      draw();
      announce(`Done: ${what}. content/${slug}.md written.`);
      const block = document.getElementById(`block-${flip.block}`);
      if (block) block.focus();
    } else {
      announce(`Not changed: ${detail(result)}`);
    }
  }

  function button(flip, label, what) {
    const b = el('button', { type: 'button', text: label, 'data-op': flip.op });
    b.addEventListener('click', () => send(flip, what || label));
    return b;
  }

  function showSource(item) {
    document.querySelectorAll('.is-current').forEach((n) => n.classList.remove('is-current'));
    const target = state.kind === 'pdf'
      ? document.getElementById(`page-${item.page}`)
      : document.getElementById(`line-${item.line}`);
    if (target) {
      target.classList.add('is-current');
      target.scrollIntoView({ block: 'center' });
    }
    if (item.block !== null) {
      const block = document.getElementById(`block-${item.block}`);
      if (block) { block.classList.add('is-current'); block.scrollIntoView({ block: 'nearest' }); }
    }
  }

  function drawDecisions() {
    const list = document.getElementById('decisions');
    list.replaceChildren();
    if (!state.items.length) {
      list.append(el('li', { text: 'None: the importer was sure of everything it did.' }));
    }
    for (const item of state.items) {
      const where = state.kind === 'pdf' ? `page ${item.page + 1}, line ${item.line}` : `line ${item.line}`;
      const li = el('li', { 'data-now': item.now, 'data-choice': item.choice });
      const show = el('button', { type: 'button', class: 'decision__what', text: `${where}` });
      show.addEventListener('click', () => showSource(item));
      li.append(show, `${item.choice}: now ${item.now} `, el('q', { lang: 'zh', text: item.text.slice(0, 40) }), ' ');
      if (item.flip) li.append(button(item.flip, ACTION[item.flip.op], `${item.text.slice(0, 12)}… ${item.other}`));
      list.append(li);
    }
  }

  function drawBlocks() {
    const list = document.getElementById('blocks');
    list.replaceChildren();
    // The block a decision is about (a place to put a dropped line back is not one).
    const flagged = new Set(state.items.filter((i) => i.block !== null && i.now !== 'dropped')
      .map((i) => i.block));
    state.blocks.forEach((block, index) => {
      const li = el('li', { class: 'block', id: `block-${index}`, tabindex: '-1', 'data-kind': block.kind });
      if (flagged.has(index)) li.dataset.flagged = '';
      const head = el('div', { class: 'block__head' },
        el('span', { text: `line ${block.line} · ${block.kind}${block.level ? ` ${'#'.repeat(block.level)}` : ''}` }));
      if (block.kind === 'heading') head.append(button({ op: 'paragraph', block: index }, '→ paragraph'));
      if (block.kind === 'paragraph' && !block.source.includes('\n')) {
        head.append(button({ op: 'heading', block: index, level: 2 }, '→ heading'));
      }
      const next = state.blocks[index + 1];
      if (block.kind === 'paragraph' && next && next.kind === 'paragraph') {
        head.append(button({ op: 'join', block: index }, 'join with next'));
      }
      if (block.kind === 'table') head.append(button({ op: 'lines', block: index }, '→ lines'));
      if (block.kind !== 'other') head.append(button({ op: 'drop', block: index }, 'drop'));
      li.append(head, el('pre', { class: 'block__source', lang: 'zh', text: block.source }));
      list.append(li);
    });
  }

  function drawSource() {
    const box = document.getElementById('source');
    if (box.dataset.drawn === state.raw) return; // the raw file does not change
    box.replaceChildren();
    box.dataset.drawn = state.raw || '';
    document.getElementById('raw-file').textContent = state.raw || 'no raw file kept';
    if (state.kind === 'pdf') {
      for (let page = 0; page < state.pages; page += 1) {
        box.append(el('figure', { id: `page-${page}` },
          el('img', { src: `${url}/page/${page}`, alt: `page ${page + 1} of ${state.raw}` }),
          el('figcaption', { text: `page ${page + 1}` })));
      }
      return;
    }
    const list = el('ol', { lang: 'zh' });
    state.source_lines.forEach((line, index) => {
      list.append(el('li', { id: `line-${index + 1}`, text: line }));
    });
    box.append(list);
  }

  function draw() {
    drawDecisions();
    drawBlocks();
    drawSource();
  }

  document.addEventListener('DOMContentLoaded', async () => {
    if (document.body.dataset.page !== 'import') return;
    const result = await api('GET', url);
    if (result.status !== 200) {
      announce(`Cannot load the review: ${detail(result)}`);
      return;
    }
    state = result.data;
    draw();
    document.body.dataset.importReady = 'true';
  });
})();
