// spintrace web UI: plain JavaScript, no dependencies, no build step.
// It talks only to this server's /api/v1 and renders what it returns;
// fields it does not know are shown as raw JSON rather than dropped.
'use strict';
(() => {
  const $ = (sel) => document.querySelector(sel);
  const PALETTE = 8;
  const state = {
    token: sessionStorage.getItem('spintrace.token') || '',
    chars: [],        // the traced article, as code points
    result: null,
    selected: -1,     // index of the source shown in the source pane
    docs: new Map(),  // id -> stored document (with text)
    cursor: '',
    sites: null,      // the site scores, once loaded
    sortKey: 'score',
    sortDir: -1,      // -1: descending
  };

  // h builds an element: h('span', {class: 'x', onclick: f}, child, ...).
  function h(tag, attrs, ...kids) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'text') el.textContent = v;
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (const kid of kids.flat()) {
      if (kid === undefined || kid === null || kid === false) continue;
      el.append(kid instanceof Node ? kid : String(kid));
    }
    return el;
  }

  async function api(method, path, body, ctype) {
    const headers = { Accept: 'application/json' };
    if (state.token) headers.Authorization = 'Bearer ' + state.token;
    if (body !== undefined) headers['Content-Type'] = ctype || 'application/json';
    const resp = await fetch(path, { method, headers, body });
    const ct = resp.headers.get('Content-Type') || '';
    const data = ct.includes('json') ? await resp.json() : await resp.text();
    if (!resp.ok) {
      if (resp.status === 401) $('#token-form').hidden = false;
      const msg = data && data.error ? data.error.message : 'HTTP ' + resp.status;
      const err = new Error(msg);
      err.status = resp.status;
      throw err;
    }
    return data;
  }

  function setStatus(el, msg, isError) {
    el.textContent = msg || '';
    el.classList.toggle('error', !!isError);
  }

  const pct = (x) => (typeof x === 'number' ? Math.round(x * 100) + '%' : '');
  const day = (t) => (t ? String(t).slice(0, 10) : '');
  const nameOf = (d) => (d && (d.title || d.origin || d.url || d.id)) || 'untitled';

  // ---- views -------------------------------------------------------------

  function show(view) {
    for (const v of ['trace', 'corpus', 'sites']) {
      $('#view-' + v).hidden = v !== view;
      const tab = $('#tab-' + v);
      if (v === view) tab.setAttribute('aria-current', 'page');
      else tab.removeAttribute('aria-current');
    }
    if (location.hash !== '#' + view) history.replaceState(null, '', '#' + view);
  }

  async function refreshSize() {
    try {
      const st = await api('GET', '/api/v1/stats');
      $('#index-size').textContent = st.docs.toLocaleString() + ' documents indexed';
    } catch (e) { /* shown when the user acts */ }
  }

  // ---- tracing -----------------------------------------------------------

  async function traceText(ev) {
    if (ev) ev.preventDefault();
    const text = $('#article').value;
    if (!text.trim()) {
      setStatus($('#status'), 'Paste or drop an article first.', true);
      $('#article').focus();
      return;
    }
    await runTrace(text, () => api('POST', '/api/v1/trace', JSON.stringify({ text, title: $('#title').value })));
  }

  async function traceStored(doc) {
    show('trace');
    $('#article').value = doc.text;
    $('#title').value = doc.title || '';
    await runTrace(doc.text, () => api('GET', '/api/v1/documents/' + encodeURIComponent(doc.id) + '/trace'));
  }

  async function runTrace(text, call) {
    const btn = $('#trace-btn');
    btn.disabled = true;
    setStatus($('#status'), 'Tracing…');
    try {
      const res = await call();
      // The server normalizes text like this: line endings, NUL bytes,
      // NFC, surrounding space.
      state.chars = Array.from(text.replace(/\r\n?/g, '\n').replace(/\0/g, '').normalize('NFC').trim());
      if (res.article && res.article.chars && res.article.chars !== state.chars.length) {
        state.chars = null; // offsets would not line up: ask for the stored text
      }
      state.result = res;
      if (!state.chars) {
        const d = await api('GET', '/api/v1/documents/' + encodeURIComponent(res.article.id)).catch(() => null);
        state.chars = Array.from(d ? d.document.text : text);
      }
      setStatus($('#status'), '');
      await render();
      $('#verdict').focus();
    } catch (e) {
      setStatus($('#status'), 'Trace failed: ' + e.message, true);
    } finally {
      btn.disabled = false;
    }
  }

  function verdictOf(res) {
    let v = res.verdict, conf = res.confidence, evidence = res.evidence, mods = res.modifiers, rate;
    if (v && typeof v === 'object') {
      conf = conf ?? v.confidence;
      evidence = evidence ?? v.evidence ?? v.reasons;
      rate = v.spin_rate;
      if (v.label) v = v.label; // the label carries the modifiers
      else {
        mods = mods ?? v.modifiers ?? (v.spun ? ['spun'] : undefined);
        v = v.class ?? v.kind ?? v.verdict ?? v.name;
      }
    }
    return { label: typeof v === 'string' ? v : '', conf, evidence, mods, rate };
  }

  function renderVerdict(res) {
    const box = $('#verdict');
    box.replaceChildren();
    box.setAttribute('tabindex', '-1');
    const v = verdictOf(res);
    const n = (res.sources || []).length;
    const label = v.label || (n === 0 ? 'no source found' : n === 1 ? 'taken from 1 source' : 'taken from ' + n + ' sources');
    box.className = 'verdict card ' + (/original/i.test(label) || n === 0 ? 'v-original' : 'v-copy');
    box.append(h('p', { class: 'label', id: 'verdict-h' }, label, v.mods && v.mods.length ? ' (' + [].concat(v.mods).join(', ') + ')' : ''));
    if (typeof v.conf === 'number') {
      const m = h('span', { class: 'meter', 'aria-hidden': 'true' }, h('span'));
      m.firstChild.style.width = pct(v.conf);
      box.append(h('p', { class: 'conf' }, 'confidence ', h('strong', {}, pct(v.conf)), ' ', m));
    } else {
      box.append(h('p', { class: 'conf muted' }, v.label ? '' : 'no verdict computed by this server'));
    }
    const subs = (res.sources || []).reduce((k, s) => k + (s.substitutions || []).length, 0);
    const a = res.article || {};
    box.append(h('p', { class: 'summary' },
      n ? `${n} source${n > 1 ? 's' : ''} explain ${pct(res.coverage)} of the article's ${a.words ?? '?'} words; ${subs} word substitution${subs === 1 ? '' : 's'}.`
        : `No indexed document explains this article (${a.words ?? '?'} words).`,
      typeof v.rate === 'number' && v.rate > 0 ? ` Spin rate ${(v.rate * 100).toFixed(1)}% of aligned words.` : '',
      res.timing_ms ? ` Traced in ${Math.round(res.timing_ms.total)} ms over ${res.candidates} candidates.` : ''));
    const ev = [].concat(v.evidence || []);
    if (ev.length) box.append(h('ul', {}, ev.map((e) => h('li', {}, typeof e === 'string' ? e : e.text || e.message || JSON.stringify(e)))));
  }

  // flagsOf collects changed/dropped quote findings and other flags, from
  // the result and from each source, whatever their exact shape.
  function flagsOf(res) {
    const out = [];
    const take = (arr, si) => {
      for (const it of [].concat(arr || [])) {
        if (!it || typeof it !== 'object') continue;
        const kind = it.flag || it.change || it.issue || it.kind || it.type || '';
        if (!kind || /^(ok|same|unchanged|kept|none)$/i.test(kind)) continue;
        out.push({ kind: String(kind).replace(/_/g, ' '), item: it, si });
      }
    };
    for (const k of ['quotes', 'quote_changes', 'flags']) take(res[k], -1);
    (res.sources || []).forEach((s, si) => { for (const k of ['quotes', 'quote_changes', 'flags']) take(s[k], si); });
    return out;
  }

  function describeFlag(f) {
    const it = f.item;
    const bits = [];
    const quote = it.text || it.quote || it.article_text;
    if (quote) bits.push(/^["“'‘«]/.test(quote) ? quote : '“' + quote + '”');
    const from = it.source_speaker || (typeof it.from === 'string' ? it.from : '');
    const to = it.speaker || it.article_speaker || (typeof it.to === 'string' ? it.to : '');
    if (from && to) bits.push('speaker in the source: ' + from + ', in the article: ' + to);
    else if (from) bits.push('speaker in the source: ' + from + ', none in the article');
    else if (to) bits.push('speaker: ' + to);
    if (it.message || it.detail) bits.push(it.message || it.detail);
    const ranks = Array.isArray(it.sources) && it.sources.length ? it.sources : typeof it.source === 'number' && it.source > 0 ? [it.source] : [];
    if (ranks.length) bits.push('source ' + ranks.join(' + '));
    else if (it.shared_with) bits.push('quoted in ' + nameOf(it.shared_with) + ' (shares only quotations)');
    else if (f.si >= 0) bits.push('source ' + (f.si + 1));
    return bits.join(' — ');
  }

  const rankName = (res, r) => {
    const s = (res.sources || [])[r - 1];
    return s ? r + '. ' + nameOf(s.doc) : 'source ' + r;
  };

  // stitchStrip draws the article as a bar of segments coloured by source.
  function stitchStrip(res) {
    const segs = (res.stitching && res.stitching.segments) || [];
    const total = (res.article && res.article.chars) || 0;
    if (!segs.length || !total) return null;
    const strip = h('div', { class: 'strip', role: 'img', 'aria-label': 'article order of the sources: ' + segs.map((g) => g.source).join(', ') });
    let at = 0;
    const part = (len, cls, label) => {
      if (len <= 0) return;
      const el = h('span', { class: cls, title: label });
      el.style.width = (100 * len / total) + '%';
      strip.append(el);
    };
    for (const g of segs) {
      part(g.article.start - at, 'gap', 'not from a source');
      part(g.article.end - g.article.start, 'c' + ((g.source - 1) % PALETTE), rankName(res, g.source));
      at = Math.max(at, g.article.end);
    }
    part(total - at, 'gap', 'not from a source');
    return strip;
  }

  function renderFindings(res, flags) {
    const box = $('#findings');
    box.replaceChildren();
    const items = [];
    const strip = stitchStrip(res);
    const st = res.stitching || {};
    if (strip) items.push(h('li', {}, h('strong', {}, 'Stitching: '), 'the article in order, by source', strip));
    if ((st.reordered || []).length) items.push(h('li', {}, h('strong', {}, 'Reordered: '), 'passages of ' + st.reordered.map((r) => rankName(res, r)).join('; ') + ' appear in another order than in the source'));
    for (const j of st.joins || []) items.push(h('li', {}, h('span', { class: 'flag-kind' }, 'join ' + j.kind), ': “' + j.text + '”'));
    const ren = res.entity_renames || [];
    if (ren.length) items.push(h('li', {}, h('strong', {}, 'Renamed: '), ren.map((r) => r.from + ' → ' + r.to + (r.count > 1 ? ' ×' + r.count : '')).join('; ')));
    for (const f of flags) items.push(h('li', {}, h('span', { class: 'flag-kind' }, f.kind), ': ', describeFlag(f)));
    for (const q of res.shared_quotes || []) items.push(h('li', {}, h('strong', {}, 'Shares a quotation '), '(' + q.words + ' words, not copying) with ' + nameOf(q.doc) + (q.doc && q.doc.site ? ' · ' + q.doc.site : '')));
    const ti = res.title;
    if (ti && typeof ti === 'object' && res.article && res.article.title) {
      let txt = ti.supported_by_body ? 'supported by the body' : 'not supported by the body';
      if (ti.from) txt += '; matches ' + nameOf(ti.from) + (ti.from_source ? ' (source ' + ti.from_source + ')' : ' (not a source of the body)');
      items.push(h('li', {}, ti.mismatch ? h('span', { class: 'flag-kind' }, 'Title mismatch') : h('strong', {}, 'Title'), ': ' + txt));
    }
    const to = res.time_order;
    if (to && typeof to === 'object') {
      if ((to.newer || []).length) items.push(h('li', {}, h('span', { class: 'flag-kind' }, 'Time order'), ': ' + to.newer.map((r) => rankName(res, r)).join('; ') + ' published after the article' + (to.note ? ' — ' + to.note : '')));
      else if (to.note) items.push(h('li', {}, h('strong', {}, 'Time order: '), to.note));
    }
    if (items.length) box.append(h('div', { class: 'flags card' }, h('h3', {}, 'What was done to the text'), h('ul', {}, items)));
    const known = new Set(['version', 'article', 'coverage', 'sources', 'unexplained', 'candidates', 'timing_ms',
      'verdict', 'confidence', 'evidence', 'modifiers', 'quotes', 'quote_changes', 'flags',
      'stitching', 'entity_renames', 'shared_quotes', 'title', 'time_order']);
    for (const [k, v] of Object.entries(res)) {
      if (known.has(k) || v === null || v === undefined || (Array.isArray(v) && !v.length)) continue;
      box.append(h('details', { class: 'card' }, h('summary', {}, k.replace(/_/g, ' ')), h('pre', {}, JSON.stringify(v, null, 2))));
    }
  }

  function renderSources(res) {
    const list = $('#sources');
    list.replaceChildren();
    (res.sources || []).forEach((s, si) => {
      const d = s.doc || {};
      const nsub = (s.substitutions || []).length;
      const meta = [d.site, day(d.published), 'similarity ' + pct(s.similarity), s.words + ' words',
        nsub + ' substitution' + (nsub === 1 ? '' : 's'), (s.also_in || []).length ? 'also in ' + s.also_in.length + ' more' : ''].filter(Boolean);
      const b = h('button', { type: 'button', 'aria-pressed': String(si === state.selected), 'data-source': si, onclick: () => select(si) },
        h('span', { class: 'swatch c' + (si % PALETTE), 'aria-hidden': 'true' }),
        h('span', { class: 'src-title' }, (s.rank || si + 1) + '. ' + nameOf(d)),
        h('span', { class: 'share', title: "share of the article's words" }, pct(s.share)),
        h('span', { class: 'src-meta' }, meta.join(' · ')));
      list.append(h('li', {}, b));
    });
  }

  // paint renders chars with highlights: keyAt(k) gives the key of code
  // point k ('' for plain text); each run of equal keys becomes one element
  // made by make(key) and holding the run's text.
  function paint(target, chars, keyAt, make) {
    target.replaceChildren();
    let i = 0;
    const n = chars.length;
    while (i < n) {
      const key = keyAt(i);
      let j = i + 1;
      while (j < n && keyAt(j) === key) j++;
      const text = chars.slice(i, j).join('');
      if (key === '') target.append(text);
      else {
        const el = make(key);
        el.append(text);
        target.append(el);
      }
      i = j;
    }
  }

  function renderArticle(res, flags) {
    const chars = state.chars;
    const n = chars.length;
    const owner = new Int16Array(n).fill(-1);
    const pass = new Int32Array(n).fill(-1);
    const sub = new Int32Array(n).fill(-1);
    const flag = new Int32Array(n).fill(-1);
    const subs = [];
    (res.sources || []).forEach((s, si) => {
      (s.passages || []).forEach((p, pi) => {
        for (let k = Math.max(0, p.article.start); k < Math.min(n, p.article.end); k++) {
          if (owner[k] < 0) { owner[k] = si; pass[k] = pi; }
        }
      });
      for (const x of s.substitutions || []) {
        const id = subs.push({ ...x, si }) - 1;
        for (let k = Math.max(0, x.article.start); k < Math.min(n, x.article.end); k++) {
          if (owner[k] === si) sub[k] = id;
        }
      }
    });
    const marks = flags.concat(((res.stitching && res.stitching.joins) || []).map((j) => ({ kind: 'join ' + j.kind, item: j })));
    marks.forEach((f, fi) => {
      const sp = f.item.article && typeof f.item.article.start === 'number' ? f.item.article : f.item.span;
      if (!sp) return;
      for (let k = Math.max(0, sp.start); k < Math.min(n, sp.end); k++) flag[k] = fi;
    });
    const seen = new Set();
    paint($('#art-text'), chars, (k) => (owner[k] < 0 && flag[k] < 0 ? '' : owner[k] + ':' + pass[k] + ':' + sub[k] + ':' + flag[k]),
      (key) => {
        const [si, pi, xi, fi] = key.split(':').map(Number);
        const el = h('span', {});
        if (si >= 0) {
          el.className = 'p c' + (si % PALETTE);
          el.dataset.source = si;
          el.dataset.passage = pi;
          el.addEventListener('click', () => jump(si, pi, 'src'));
          if (!seen.has(si + ':' + pi)) {
            seen.add(si + ':' + pi);
            el.tabIndex = 0;
            el.setAttribute('role', 'button');
            el.setAttribute('aria-label', 'passage from source ' + (si + 1) + ': show it in the source');
            el.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); jump(si, pi, 'src'); } });
          }
        }
        if (xi >= 0) {
          const x = subs[xi];
          const tip = 'source: ' + x.from + (x.kind ? ' (' + x.kind + ')' : '');
          el.classList.add('sub');
          el.dataset.from = x.from;
          el.dataset.kind = x.kind || '';
          el.dataset.tip = tip;
          el.title = tip;
          el.tabIndex = 0;
        }
        if (fi >= 0) {
          el.classList.add('qflag');
          el.title = (el.title ? el.title + '; ' : '') + marks[fi].kind;
        }
        return el;
      });
  }

  async function select(si) {
    const res = state.result;
    const s = res && res.sources && res.sources[si];
    if (!s) return;
    state.selected = si;
    for (const b of document.querySelectorAll('#sources button')) b.setAttribute('aria-pressed', String(Number(b.dataset.source) === si));
    const d = s.doc || {};
    $('#src-h').textContent = 'Source ' + (si + 1) + ': ' + nameOf(d);
    $('#src-meta').textContent = [d.site, day(d.published), d.url || d.origin].filter(Boolean).join(' · ');
    let doc = state.docs.get(d.id);
    if (!doc) {
      try {
        doc = (await api('GET', '/api/v1/documents/' + encodeURIComponent(d.id))).document;
        state.docs.set(d.id, doc);
      } catch (e) {
        $('#src-text').textContent = 'Could not load the source: ' + e.message;
        return;
      }
    }
    if (state.selected !== si) return; // another source was picked meanwhile
    const chars = Array.from(doc.text || '');
    const n = chars.length;
    const pass = new Int32Array(n).fill(-1);
    const sub = new Int32Array(n).fill(-1);
    (s.passages || []).forEach((p, pi) => { for (let k = Math.max(0, p.source.start); k < Math.min(n, p.source.end); k++) pass[k] = pi; });
    (s.substitutions || []).forEach((x, xi) => { for (let k = Math.max(0, x.source.start); k < Math.min(n, x.source.end); k++) if (pass[k] >= 0) sub[k] = xi; });
    paint($('#src-text'), chars, (k) => (pass[k] < 0 ? '' : pass[k] + ':' + sub[k]), (key) => {
      const [pi, xi] = key.split(':').map(Number);
      const el = h('span', { class: 'p c' + (si % PALETTE), 'data-passage': pi });
      el.addEventListener('click', () => jump(si, pi, 'art'));
      if (xi >= 0) {
        const x = s.substitutions[xi];
        const tip = 'article: ' + x.to + (x.kind ? ' (' + x.kind + ')' : '');
        el.classList.add('sub');
        el.dataset.to = x.to;
        el.dataset.tip = tip;
        el.title = tip;
        el.tabIndex = 0;
      }
      return el;
    });
  }

  async function jump(si, pi, side) {
    if (state.selected !== si) await select(si);
    const pane = side === 'src' ? '#src-text' : '#art-text';
    const sel = side === 'src' ? `[data-passage="${pi}"]` : `[data-source="${si}"][data-passage="${pi}"]`;
    const els = document.querySelectorAll(pane + ' ' + sel);
    if (!els.length) return;
    els[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
    for (const el of els) {
      el.classList.add('flash');
      setTimeout(() => el.classList.remove('flash'), 1200);
    }
  }

  async function render() {
    const res = state.result;
    $('#result').hidden = false;
    const flags = flagsOf(res);
    renderVerdict(res);
    renderFindings(res, flags);
    state.selected = -1;
    renderSources(res);
    renderArticle(res, flags);
    $('#raw-json').textContent = JSON.stringify(res, null, 2);
    if ((res.sources || []).length) await select(0);
    else {
      $('#src-h').textContent = 'Source';
      $('#src-meta').textContent = '';
      $('#src-text').textContent = 'No source explains this article.';
    }
  }

  // ---- input: paste, drop, open ------------------------------------------

  async function readFile(file) {
    const raw = await file.text();
    if (/\.html?$/i.test(file.name) || file.type === 'text/html') {
      const doc = new DOMParser().parseFromString(raw, 'text/html');
      const root = doc.querySelector('article') || doc.querySelector('main') || doc.body;
      const blocks = Array.from(root.querySelectorAll('h1,h2,h3,p,li,blockquote')).map((e) => e.textContent.trim()).filter(Boolean);
      $('#title').value = (doc.querySelector('h1') || doc.querySelector('title') || {}).textContent || '';
      return blocks.length ? blocks.join('\n\n') : root.textContent.trim();
    }
    return raw;
  }

  async function loadFile(file) {
    if (!file) return;
    try {
      $('#article').value = await readFile(file);
      setStatus($('#status'), 'Loaded ' + file.name + '. Press Trace.');
    } catch (e) {
      setStatus($('#status'), 'Could not read ' + file.name + ': ' + e.message, true);
    }
  }

  const drop = $('#drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files.length) loadFile(e.dataTransfer.files[0]);
    else $('#article').value = e.dataTransfer.getData('text/plain');
  });
  $('#file').addEventListener('change', (e) => loadFile(e.target.files[0]));
  $('#article').addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) traceText(e); });
  $('#trace-form').addEventListener('submit', traceText);

  // ---- corpus ------------------------------------------------------------

  async function search(ev, more) {
    if (ev) ev.preventDefault();
    const p = new URLSearchParams({ limit: '25' });
    const q = $('#q-title').value.trim(), site = $('#q-site').value.trim();
    if (q) p.set('q', q);
    if (site) p.set('site', site);
    if (more && state.cursor) p.set('cursor', state.cursor);
    const body = $('#docs tbody');
    if (!more) body.replaceChildren();
    setStatus($('#corpus-status'), 'Searching…');
    try {
      const res = await api('GET', '/api/v1/documents?' + p);
      for (const d of res.documents) {
        body.append(h('tr', {},
          h('td', {}, d.url ? h('a', { href: d.url, rel: 'noreferrer noopener', target: '_blank' }, nameOf(d)) : nameOf(d)),
          h('td', {}, d.site || ''),
          h('td', {}, day(d.published)),
          h('td', {}, d.chars.toLocaleString() + ' chars'),
          h('td', {}, h('button', { type: 'button', class: 'secondary', 'aria-label': 'Provenance of ' + nameOf(d), onclick: () => openDoc(d.id) }, 'Provenance'))));
      }
      state.cursor = res.next_cursor || '';
      $('#more').hidden = !state.cursor;
      const rows = body.children.length;
      setStatus($('#corpus-status'), rows ? rows + ' document' + (rows > 1 ? 's' : '') + (state.cursor ? ' so far' : '') : 'No document matches.');
    } catch (e) {
      setStatus($('#corpus-status'), 'Search failed: ' + e.message, true);
    }
  }

  async function openDoc(id) {
    try {
      const d = (await api('GET', '/api/v1/documents/' + encodeURIComponent(id))).document;
      state.docs.set(d.id, d);
      await traceStored(d);
    } catch (e) {
      setStatus($('#corpus-status'), 'Could not open the document: ' + e.message, true);
    }
  }

  $('#corpus-form').addEventListener('submit', (e) => search(e, false));
  $('#more').addEventListener('click', () => search(null, true));
  $('#pick').addEventListener('click', () => {
    show('corpus');
    $('#q-title').focus();
    if (!$('#docs tbody').children.length) search(null, false);
  });
  // ---- sites -------------------------------------------------------------

  const lagText = (l) => (typeof l.median_lag_hours === 'number' ? Math.round(l.median_lag_hours) + ' h' : 'unknown');

  async function loadSites(force) {
    if (state.sites && !force) { renderSites(); return; }
    setStatus($('#sites-status'), 'Analysing the corpus…');
    $('#sites-reload').disabled = true;
    try {
      const res = await api('GET', '/api/v1/sites');
      state.sites = res.sites;
      renderSites();
      const n = res.sites.length;
      setStatus($('#sites-status'), n ? n + ' site' + (n > 1 ? 's' : '') : 'No site has an indexed article.');
    } catch (e) {
      const retry = e.status === 503 ? ' The analysis goes on in the background: refresh in a moment.' : '';
      setStatus($('#sites-status'), 'Could not score the sites: ' + e.message + retry, true);
    } finally {
      $('#sites-reload').disabled = false;
    }
  }

  function renderSites() {
    const key = state.sortKey, dir = state.sortDir;
    const rows = [...(state.sites || [])].sort((a, b) => {
      const x = a[key], y = b[key];
      const c = typeof x === 'string' ? x.localeCompare(y) : x - y;
      return c * dir || a.site.localeCompare(b.site);
    });
    for (const th of document.querySelectorAll('#sites th[data-key]')) {
      if (th.dataset.key === key) th.setAttribute('aria-sort', dir < 0 ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    }
    $('#sites tbody').replaceChildren(...rows.map((s) => {
      const m = h('span', { class: 'meter', 'aria-hidden': 'true' }, h('span'));
      m.firstChild.style.width = pct(s.score); // a style attribute would break the CSP
      return h('tr', {},
        h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => openSite(s.site) }, s.site || '(no site)')),
        h('td', {}, s.articles.toLocaleString()),
        h('td', {}, pct(s.copied_share)),
        h('td', {}, pct(s.spun_share)),
        h('td', {}, pct(s.stitched_share)),
        h('td', { class: 'score' }, m, ' ', s.score.toFixed(2)));
    }));
  }

  function sortBy(key) {
    if (state.sortKey === key) state.sortDir = -state.sortDir;
    else { state.sortKey = key; state.sortDir = key === 'site' ? 1 : -1; }
    renderSites();
  }

  async function openSite(name) {
    const from = document.activeElement;
    if (from && from.closest && from.closest('#sites')) state.siteOpener = from;
    setStatus($('#sites-status'), 'Loading ' + name + '…');
    try {
      const s = (await api('GET', '/api/v1/sites/' + encodeURIComponent(name))).site;
      $('#site-h').textContent = s.site || '(no site)';
      $('#site-score').textContent = 'score ' + s.score.toFixed(2);
      $('#site-summary').textContent = s.articles + ' article' + (s.articles === 1 ? '' : 's') + ': ' + s.original + ' original, ' +
        s.syndicated + ' syndicated, ' + s.spun + ' spun, ' + s.stitched + ' stitched.';
      $('#site-evidence').replaceChildren(...s.evidence.map((e) => h('li', {}, e)));
      const from = s.takes_from.map((l) => h('tr', {},
        h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => openSite(l.site) }, l.site || '(no site)')),
        h('td', {}, l.articles), h('td', {}, lagText(l))));
      $('#site-from tbody').replaceChildren(...(from.length ? from : [h('tr', {}, h('td', { colspan: '3', class: 'muted' }, 'No other site.'))]));
      const swaps = s.substitutions.map((w) => h('li', {}, h('q', {}, w.from), ' → ', h('q', {}, w.to), h('span', { class: 'muted' }, ' (' + w.kind + ', ×' + w.count + ')')));
      $('#site-swaps').replaceChildren(...(swaps.length ? swaps : [h('li', { class: 'muted' }, 'None.')]));
      $('#site-docs').onclick = () => {
        $('#q-site').value = s.site;
        $('#q-title').value = '';
        show('corpus');
        search(null, false);
      };
      $('#site-detail').hidden = false;
      $('#site-detail').focus();
      setStatus($('#sites-status'), '');
    } catch (e) {
      setStatus($('#sites-status'), 'Could not open ' + name + ': ' + e.message, true);
    }
  }

  // openCluster shows one cluster: its members on a time axis, and what each
  // changed in the text it took from the others.
  async function openCluster(id) {
    setStatus($('#clusters-status'), 'Loading cluster ' + id + '…');
    try {
      const res = await api('GET', '/api/v1/clusters/' + id);
      const c = res.cluster;
      const sp = res.spread;
      $('#cluster-h').textContent = 'Cluster ' + c.id + ': ' + c.members.length + ' documents on ' + c.sites.length + ' site' + (c.sites.length === 1 ? '' : 's');
      $('#cluster-spread').textContent = (sp.first
        ? 'From ' + day(sp.first) + ' to ' + day(sp.last) + ' (' + Math.round(sp.hours) + ' h) over ' + sp.dated + ' dated member' + (sp.dated === 1 ? '' : 's')
        : 'No member is dated') + (sp.undated ? '; ' + sp.undated + ' undated' : '') + '. ' + c.dates;
      const first = sp.first ? Date.parse(sp.first) : 0;
      const span = sp.first ? Date.parse(sp.last) - first : 0;
      const ticks = res.timeline.filter((m) => m.doc.published).map((m) => {
        const t = h('span', { class: 'tick' + (m.from.length ? ' copy' : ''), title: day(m.doc.published) + ' ' + (m.doc.site || '') + ': ' + nameOf(m.doc) });
        t.style.left = (span > 0 ? (Date.parse(m.doc.published) - first) / span * 100 : 0) + '%'; // a style attribute would break the CSP
        return t;
      });
      const tl = $('#cluster-timeline');
      tl.replaceChildren(...(sp.first ? [h('span', { class: 'axis' }, day(sp.first)), h('span', { class: 'axis end' }, day(sp.last))] : []), ...ticks);
      tl.setAttribute('aria-label', 'Publication times of ' + ticks.length + ' dated members');
      tl.hidden = ticks.length === 0;
      $('#cluster-excerpt').textContent = c.members.length ? c.members[0].excerpt : '';
      $('#cluster-members').replaceChildren(...res.timeline.map((m) => h('li', {},
        h('p', {},
          h('button', { type: 'button', class: 'link', 'aria-label': 'Provenance of ' + nameOf(m.doc), onclick: () => openDoc(m.doc.id) }, nameOf(m.doc)),
          h('span', { class: 'muted' }, ' — ' + [m.doc.site, m.doc.published ? day(m.doc.published) : 'undated',
            typeof m.lag_hours === 'number' ? (m.lag_hours > 0 ? '+' + Math.round(m.lag_hours) + ' h after the first witness' : 'first witness') : '', m.verdict && m.verdict.label].filter(Boolean).join(', '))),
        m.from.length
          ? h('ul', {}, m.from.map((l) => h('li', {}, 'took ' + pct(l.share) + ' of its words from ' + nameOf(l.doc) + (l.doc.site ? ' (' + l.doc.site + ')' : '') +
              ' in ' + l.passages + ' passage' + (l.passages === 1 ? '' : 's') + (l.substitutions.length ? '; changed ' : '; no words changed'),
              l.substitutions.slice(0, 12).flatMap((w, i) => [i ? ', ' : '', h('q', {}, w.from), ' → ', h('q', {}, w.to)]),
              l.substitutions.length > 12 ? ' and ' + (l.substitutions.length - 12) + ' more' : '')))
          : h('p', { class: 'muted' }, 'Takes from no other member.'))));
      $('#cluster-detail').hidden = false;
      $('#cluster-detail').focus();
      setStatus($('#clusters-status'), '');
    } catch (e) {
      setStatus($('#clusters-status'), 'Could not open cluster ' + id + ': ' + e.message, true);
    }
  }
  $('#cluster-close').addEventListener('click', () => { $('#cluster-detail').hidden = true; $('#clusters-btn').focus(); });

  async function loadClusters() {
    const box = $('#clusters');
    box.hidden = false;
    $('#clusters-btn').setAttribute('aria-expanded', 'true');
    setStatus($('#clusters-status'), 'Loading clusters…');
    try {
      const res = await api('GET', '/api/v1/clusters?min_size=2');
      $('#clusters-list').replaceChildren(...res.clusters.map((c) => h('li', { class: 'card' },
        h('p', {}, h('button', { type: 'button', class: 'link cluster-open', onclick: () => openCluster(c.id) }, 'Cluster ' + c.id + ': ' + c.members.length + ' documents'),
          ' on ' + c.sites.length + ' site' + (c.sites.length === 1 ? '' : 's') +
          (c.earliest ? '; earliest witness ' + nameOf(c.earliest) + ' (' + (c.earliest.site || 'no site') + ', ' + day(c.earliest.published) + ')' : '') + '. ',
          h('span', { class: 'muted' }, c.dates)),
        c.members.length ? h('blockquote', { class: 'excerpt' }, c.members[0].excerpt) : null,
        h('ul', {}, c.members.map((m) => h('li', {},
          h('button', { type: 'button', class: 'link', 'aria-label': 'Provenance of ' + nameOf(m.doc), onclick: () => openDoc(m.doc.id) }, nameOf(m.doc)),
          h('span', { class: 'muted' }, ' — ' + [m.doc.site, day(m.doc.published), m.label, typeof m.lag_hours === 'number' ? '+' + Math.round(m.lag_hours) + ' h' : ''].filter(Boolean).join(', '))))))));
      const n = res.clusters.length;
      setStatus($('#clusters-status'), n + ' cluster' + (n === 1 ? '' : 's') + ' over ' + res.docs + ' documents');
    } catch (e) {
      setStatus($('#clusters-status'), 'Could not load the clusters: ' + e.message, true);
    }
  }

  for (const th of document.querySelectorAll('#sites th[data-key]')) {
    th.querySelector('button').addEventListener('click', () => sortBy(th.dataset.key));
  }
  $('#sites-reload').addEventListener('click', () => { loadSites(true); if (!$('#clusters').hidden) loadClusters(); });
  $('#clusters-btn').addEventListener('click', () => {
    if ($('#clusters').hidden) loadClusters();
    else { $('#clusters').hidden = true; $('#clusters-btn').setAttribute('aria-expanded', 'false'); }
  });
  $('#site-close').addEventListener('click', () => {
    $('#site-detail').hidden = true;
    const back = state.siteOpener && state.siteOpener.isConnected ? state.siteOpener : $('#sites .sort');
    back.focus();
  });
  $('#tab-sites').addEventListener('click', () => { show('sites'); loadSites(false); });

  $('#tab-trace').addEventListener('click', () => show('trace'));
  $('#tab-corpus').addEventListener('click', () => {
    show('corpus');
    if (!$('#docs tbody').children.length) search(null, false);
  });
  $('#token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    state.token = $('#token').value.trim();
    sessionStorage.setItem('spintrace.token', state.token);
    $('#token-form').hidden = true;
    refreshSize();
  });

  const start = ['#corpus', '#sites'].includes(location.hash) ? location.hash.slice(1) : 'trace';
  show(start);
  if (start === 'corpus') search(null, false);
  if (start === 'sites') loadSites(false);
  refreshSize();
})();
