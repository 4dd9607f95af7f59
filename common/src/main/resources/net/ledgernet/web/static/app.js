// LedgerNet staff console: one page, no framework, no build step. Every view is reachable by its URL
// hash (#/search?q=…) so a pasted link opens the same view with the reader's own permissions.
// The CSP forbids inline script and style: everything is built with DOM calls, styles come from app.css.
'use strict';

const WANTED_KEY = 'ledgernet.wanted';
const SVG_NS = 'http://www.w3.org/2000/svg';
const PERIODS = ['1d', '7d', '30d', '90d'];
// Backends: Okabe–Ito (safe for colour-blind readers). Actions: more hues, neighbours kept far apart.
const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#7a6a00', '#6a3d9a'];
const ACTION_PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
  '#bcbd22', '#17becf', '#111111', '#f5c400', '#a6cee3', '#fb9a99', '#b2df8a', '#cab2d6'];
const GRAMMAR = 'action: source: (or @name) object: world: range: before: after: rolledback: backend:';

let me = null;            // /api/me once logged in
let current = null;       // AbortController of the view's requests in flight

// ---------- small DOM helpers ----------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function main() {
  return document.getElementById('main');
}

function show(...children) {
  const root = main();
  root.replaceChildren(...children.flat(Infinity).filter(Boolean));
  return root;
}

// ---------- API ----------

class ApiError extends Error {
  constructor(status, kind, message) {
    super(message);
    this.status = status;
    this.kind = kind;
  }
}

async function apiError(res) {
  let body = null;
  try {
    body = await res.json();
  } catch (ignored) {
    // not JSON: fall back to the status line
  }
  const message = body && body.message ? body.message : `The server answered ${res.status} ${res.statusText}`.trim();
  return new ApiError(res.status, body && body.kind ? body.kind : 'HTTP_' + res.status, message);
}

const sleep = (ms, signal) => new Promise((resolve, reject) => {
  const timer = setTimeout(resolve, ms);
  if (signal) signal.addEventListener('abort', () => {
    clearTimeout(timer);
    reject(new DOMException('aborted', 'AbortError'));
  });
});

/**
 * fetch, waiting and retrying a few times on 429: the console shares /lgn's per-player limits (one
 * request at a time, a small burst), which quick clicking between views can reach.
 */
async function request(path, accept, signal) {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(path, { credentials: 'same-origin', signal, headers: { Accept: accept } });
    if (res.status !== 429 || attempt === 3) return res;
    await sleep(700 * (attempt + 1), signal);
  }
}

async function api(path, signal) {
  const res = await request(path, 'application/json', signal);
  if (!res.ok) throw await apiError(res);
  return res.json();
}

/** Reads an NDJSON stream, calling onLine for each object as it arrives. */
async function stream(path, onLine, signal) {
  const res = await request(path, 'application/x-ndjson', signal);
  if (!res.ok) throw await apiError(res);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end).trim();
      buffer = buffer.slice(end + 1);
      if (line) onLine(JSON.parse(line));
    }
  }
  buffer += decoder.decode();
  if (buffer.trim()) onLine(JSON.parse(buffer));
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, value);
  }
  return search.toString();
}

// ---------- routing ----------

function parseHash(hash) {
  const text = (hash || '').replace(/^#\/?/, '');
  const mark = text.indexOf('?');
  const view = (mark < 0 ? text : text.slice(0, mark)) || 'search';
  return { view, params: new URLSearchParams(mark < 0 ? '' : text.slice(mark + 1)) };
}

function hashFor(view, params) {
  const qs = query(params || {});
  return '#/' + view + (qs ? '?' + qs : '');
}

function go(view, params) {
  const target = hashFor(view, params);
  if (location.hash === target) route();
  else location.hash = target;
}

function newRequest() {
  if (current) current.abort();
  current = new AbortController();
  return current.signal;
}

function route() {
  if (!me) return;
  const { view, params } = parseHash(location.hash);
  for (const link of document.querySelectorAll('#nav a')) {
    const active = link.dataset.view === view;
    link.classList.toggle('active', active);
    if (active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
    // The search carries over between the views that use one.
    if (['search', 'timeline', 'map'].includes(link.dataset.view) && params.get('q')) {
      link.setAttribute('href', hashFor(link.dataset.view, { q: params.get('q') }));
    }
  }
  const views = { search: searchView, timeline: timelineView, map: mapView, player: playerView, inspect: inspectView,
    'logged-out': loggedOutView };
  const render = views[view];
  if (!render) {
    show(el('h1', { text: 'Not found' }), el('p', { text: 'There is no view called "' + view + '".' }));
    return;
  }
  document.title = 'LedgerNet · ' + view[0].toUpperCase() + view.slice(1);
  render(params);
}

// ---------- shared pieces ----------

function errorBox(error) {
  if (error && error.name === 'AbortError') return null;
  if (error instanceof ApiError && error.status === 401) {
    notLoggedIn();
    return null;
  }
  const text = error instanceof ApiError ? error.message : 'The console could not reach LedgerNet: ' + error.message;
  return el('div', { class: 'error', role: 'alert', 'data-kind': error.kind || 'NETWORK' }, text);
}

function fail(target, error) {
  const box = errorBox(error);
  if (box) target.replaceChildren(box);
}

function relative(time, now) {
  const seconds = Math.round((now - time) / 1000);
  const s = Math.abs(seconds);
  let amount;
  if (s < 5) return 'just now';
  if (s < 60) amount = s + 's';
  else if (s < 3600) amount = Math.floor(s / 60) + 'm';
  else if (s < 86400) amount = Math.floor(s / 3600) + 'h';
  else if (s < 14 * 86400) amount = Math.floor(s / 86400) + 'd';
  else if (s < 365 * 86400) amount = Math.floor(s / (7 * 86400)) + 'w';
  else amount = Math.floor(s / (365 * 86400)) + 'y';
  return seconds < 0 ? 'in ' + amount : amount + ' ago';
}

function utc(iso) {
  return iso ? iso.replace('T', ' ').replace(/\.\d+/, '').replace('Z', ' UTC') : '';
}

function timeCell(iso) {
  if (!iso) return el('td', { class: 'muted', text: '—' });
  const when = new Date(iso);
  const local = when.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  return el('td', { class: 'time' }, el('time', { datetime: iso, title: utc(iso) + ' · ' + local + ' local' },
    relative(when.getTime(), Date.now())));
}

function colourMap(names, palette = PALETTE) {
  const map = new Map();
  [...names].forEach((name, i) => map.set(name, palette[i % palette.length]));
  return map;
}

function plural(n, word) {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

function backendColours() {
  return colourMap(me.backends.map((b) => b.name));
}

function swatch(colour) {
  return el('span', { class: 'swatch', 'data-colour': colour, 'aria-hidden': 'true' });
}

/** Swatch colours come from data: set them through the CSSOM (allowed by the CSP), not inline attributes. */
function paint(root) {
  for (const node of root.querySelectorAll('[data-colour]')) node.style.background = node.dataset.colour;
}

function legend(entries, label) {
  const list = el('ul', { class: 'legend', 'aria-label': label });
  for (const [name, colour, count] of entries) {
    list.append(el('li', { 'data-name': name }, swatch(colour), el('span', { text: name }),
      count === undefined ? null : el('span', { class: 'muted count', text: count.toLocaleString('en') })));
  }
  return list;
}

function leftOutNotes(page) {
  const notes = [];
  const leftOut = Object.entries(page.leftOut || {});
  if (leftOut.length) {
    notes.push(el('div', { class: 'banner warn', role: 'status', id: 'left-out' },
      el('strong', { text: 'Left out of this search: ' }),
      leftOut.map(([name, why], i) => [i ? '; ' : '', el('span', { class: 'left-out', 'data-backend': name },
        name + ' — ' + (why.summary || why.reason || why))])));
  }
  // page.hidden (backends the viewer may not read) is never shown: the console does not list them at all.
  if (page.revoked && page.revoked.length) {
    notes.push(el('div', { class: 'banner warn', role: 'status' },
      page.revoked.join(', ') + ' left out: you no longer have permission there'));
  }
  for (const hint of page.hints || []) notes.push(el('p', { class: 'hint', text: hint }));
  return notes;
}

function leftOutMap(leftOut) {
  const entries = Object.entries(leftOut || {});
  if (!entries.length) return null;
  return el('div', { class: 'banner warn', role: 'status', id: 'left-out' }, el('strong', { text: 'Left out: ' }),
    entries.map(([name, why], i) => [i ? '; ' : '', el('span', { class: 'left-out', 'data-backend': name },
      name + ' — ' + (typeof why === 'string' ? why : why.summary || why.reason))]));
}

function inspectLink(row) {
  return hashFor('inspect', { backend: row.backend, world: row.world, x: row.x, y: row.y, z: row.z });
}

function rowsTable(rows, caption) {
  if (!rows.length) return el('p', { class: 'empty', text: 'No actions match.' });
  const colours = backendColours();
  const head = ['Time', 'Backend', 'World', 'x y z', 'Action', 'Object', 'Old object', 'Source', 'Rolled back'];
  const table = el('table', { class: 'rows' },
    el('caption', { class: 'sr-only', text: caption }),
    el('thead', null, el('tr', null, head.map((h) => el('th', { scope: 'col', text: h })))));
  const body = el('tbody');
  for (const row of rows) {
    body.append(el('tr', { 'data-backend': row.backend, class: row.rolledBack ? 'rolled-back' : null },
      timeCell(row.time),
      el('td', null, swatch(colours.get(row.backend) || '#888'), row.backend),
      el('td', { class: 'mono', text: row.world }),
      el('td', { class: 'mono num' }, el('a', { href: inspectLink(row), title: 'Inspect this position' },
        `${row.x} ${row.y} ${row.z}`)),
      el('td', { text: row.action }),
      el('td', { class: 'mono', text: row.object }),
      el('td', { class: 'mono', text: row.oldObject }),
      el('td', { text: row.source }),
      el('td', { class: 'center', text: row.rolledBack ? 'yes' : '' })));
  }
  table.append(body);
  paint(table);
  return el('div', { class: 'table-wrap' }, table);
}

// ---------- the search box with completion ----------

function searchForm(view, q, extra) {
  const input = el('input', {
    id: 'q', name: 'q', type: 'text', value: q, autocomplete: 'off', spellcheck: 'false',
    role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'q-list',
    placeholder: 'action:block-break source:Steve before:1h backend:survival', 'aria-describedby': 'q-help',
  });
  const list = el('ul', { id: 'q-list', role: 'listbox', class: 'complete', hidden: true, 'aria-label': 'Suggestions' });
  const form = el('form', { class: 'search', role: 'search', id: 'search-form' },
    el('label', { for: 'q', text: 'Search' }),
    el('div', { class: 'combo' }, input, list),
    el('button', { type: 'submit', class: 'primary', text: view === 'search' ? 'Search' : 'Show' }),
    extra || null,
    el('p', { id: 'q-help', class: 'help', text: 'Ledger’s grammar plus backend: — ' + GRAMMAR }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    closeList();
    go(view, Object.assign({ q: input.value.trim() }, extraParams()));
  });
  function extraParams() {
    const out = {};
    for (const field of form.querySelectorAll('[data-param]')) out[field.dataset.param] = field.value;
    return out;
  }

  let items = [];
  let active = -1;
  let timer = null;
  let asked = 0;
  function closeList() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }
  function mark(i) {
    active = i;
    list.querySelectorAll('li').forEach((li, n) => li.setAttribute('aria-selected', n === i ? 'true' : 'false'));
    if (i >= 0) {
      input.setAttribute('aria-activedescendant', 'q-opt-' + i);
      list.children[i].scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }
  function accept(i) {
    const suggestion = items[i];
    const text = input.value;
    const start = text.search(/\S*$/);
    const before = text.slice(0, start);
    // A suggestion is one term for the word being typed (as /lgn search completes it).
    input.value = (suggestion.startsWith(before) && before ? suggestion : before + suggestion) +
      (suggestion.endsWith(':') || suggestion.endsWith('!') ? '' : ' ');
    closeList();
    input.focus();
    complete();
  }
  async function complete() {
    const ticket = ++asked;
    const text = input.value;
    try {
      const answer = await api('/api/complete?' + query({ q: text }));
      if (ticket !== asked || document.activeElement !== input) return;
      items = (answer.suggestions || []).slice(0, 12);
      list.replaceChildren(...items.map((s, i) => el('li', {
        id: 'q-opt-' + i, role: 'option', 'aria-selected': 'false', text: s,
        onmousedown: (event) => { event.preventDefault(); accept(i); },
      })));
      const lastWord = text.slice(text.search(/\S*$/));
      const useful = items.length && !(items.length === 1 && items[0] === lastWord);
      list.hidden = !useful;
      input.setAttribute('aria-expanded', useful ? 'true' : 'false');
      active = -1;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) notLoggedIn();
      closeList(); // completion is a convenience: its failures stay quiet
    }
  }
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(complete, 120);
  });
  input.addEventListener('focus', () => {
    clearTimeout(timer);
    timer = setTimeout(complete, 120);
  });
  input.addEventListener('blur', () => setTimeout(closeList, 100));
  input.addEventListener('keydown', (event) => {
    if (list.hidden) {
      if (event.key === 'ArrowDown') {
        complete();
        event.preventDefault();
      }
      return;
    }
    if (event.key === 'ArrowDown') {
      mark((active + 1) % items.length);
      event.preventDefault();
    } else if (event.key === 'ArrowUp') {
      mark(active <= 0 ? items.length - 1 : active - 1);
      event.preventDefault();
    } else if ((event.key === 'Enter' || event.key === 'Tab') && active >= 0) {
      accept(active);
      event.preventDefault();
    } else if (event.key === 'Escape') {
      closeList();
      event.preventDefault();
    }
  });
  return form;
}

function viewTabs(view, q) {
  return el('p', { class: 'also' }, 'This search as: ',
    ['search', 'timeline', 'map'].filter((v) => v !== view).map((v, i) => [i ? ' · ' : '',
      el('a', { href: hashFor(v, { q }), text: v })]));
}

// ---------- Search ----------

/** Pages seen for the current search; index i holds the cursor that fetched page i+1 (null for page 1). */
let pages = { q: null, cursors: [], number: 0 };

function searchView(params) {
  const q = params.get('q') || '';
  const cursor = params.get('cursor');
  const states = el('ul', { class: 'states', id: 'states', 'aria-label': 'Backends', 'aria-live': 'polite' });
  const notes = el('div', { id: 'notes' });
  const results = el('div', { id: 'results' });
  const exportLinks = el('span', { class: 'export' }, 'Export: ',
    el('a', { id: 'export-csv', href: '/api/export?' + query({ q, format: 'csv' }), download: '', text: 'CSV' }), ' · ',
    el('a', { id: 'export-json', href: '/api/export?' + query({ q, format: 'json' }), download: '', text: 'JSON' }));
  show(el('h1', { class: 'sr-only', text: 'Search' }), searchForm('search', q), viewTabs('search', q), states, notes,
    results);
  if (!q) {
    results.append(el('p', { class: 'empty' }, 'Type a search: for example ',
      el('code', { text: 'action:block-break before:1h' }), ' or ', el('code', { text: '@Steve backend:survival' }),
      '. Completion offers keys and known values (↓ to open, Enter to take).'));
    document.getElementById('q').focus();
    return;
  }
  if (pages.q !== q || !cursor) {
    pages = { q, cursors: [null], number: 1 };
    // A cursor without the pages before it (a pasted link, a reload) starts the search again.
    if (cursor) {
      history.replaceState(null, '', hashFor('search', { q }));
      searchView(new URLSearchParams(query({ q })));
      return;
    }
  } else {
    const known = pages.cursors.indexOf(cursor);
    if (known < 0) pages.cursors.push(cursor);
    pages.number = (known < 0 ? pages.cursors.length - 1 : known) + 1;
  }
  const number = pages.number;
  const path = cursor ? '/api/page?' + query({ cursor }) : '/api/search?' + query({ q });
  const signal = newRequest();
  results.replaceChildren(el('p', { class: 'muted', text: 'Searching…' }));
  let answered = false;
  stream(path, (line) => {
    if (line.type === 'start') {
      states.replaceChildren(...line.backends.map((b) => stateChip(b.name, b.state)));
    } else if (line.type === 'backend') {
      const chip = states.querySelector(`[data-backend="${CSS.escape(line.name)}"]`);
      const fresh = stateChip(line.name, line.state, line.ms, line.detail);
      if (chip) chip.replaceWith(fresh);
      else states.append(fresh);
    } else if (line.type === 'page') {
      answered = true;
      renderPage(line.page, number, notes, results, exportLinks, q);
    } else if (line.type === 'error') {
      answered = true;
      fail(results, new ApiError(200, line.kind, line.message));
    }
  }, signal).then(() => {
    if (!answered) fail(results, new ApiError(0, 'INCOMPLETE', 'The search ended without an answer; try again.'));
  }, (error) => fail(results, error));
}

function stateChip(name, state, ms, detail) {
  const words = {
    waiting: 'waiting…', answered: ms === undefined ? 'answered' : `answered in ${ms} ms`, timeout: 'timed out',
    'breaker-open': 'breaker open', error: 'error', unavailable: 'unavailable',
  };
  const colour = backendColours().get(name);
  const chip = el('li', { class: 'state state-' + state, 'data-backend': name, 'data-state': state, title: detail || null },
    colour ? swatch(colour) : null, el('strong', { text: name }), ' ', el('span', { text: words[state] || state }));
  paint(chip);
  return chip;
}

function renderPage(page, number, notes, results, exportLinks, q) {
  notes.replaceChildren(...leftOutNotes(page));
  const searched = el('p', { class: 'summary' }, el('strong', { text: `Page ${number}` }), ' · ',
    el('code', { text: page.query }), ' on ', (page.searched || []).join(', ') || 'no backend');
  const pager = el('nav', { class: 'pager', 'aria-label': 'Pages' });
  const prev = number > 1 ? pages.cursors[number - 2] : undefined;
  pager.append(
    number > 1
      ? el('a', { class: 'button', id: 'prev', rel: 'prev', href: hashFor('search', prev ? { q, cursor: prev } : { q }),
        text: '‹ Previous' })
      : el('span', { class: 'button disabled', 'aria-disabled': 'true', text: '‹ Previous' }),
    el('span', { class: 'page-no', id: 'page-number', text: `Page ${number}` }),
    page.next
      ? el('a', { class: 'button', id: 'next', rel: 'next', href: hashFor('search', { q, cursor: page.next }), text: 'Next ›' })
      : el('span', { class: 'button disabled', 'aria-disabled': 'true', text: 'Next ›' }),
    exportLinks);
  results.replaceChildren(el('div', { class: 'bar' }, searched, pager),
    rowsTable(page.rows || [], `Actions, page ${number}`));
}

// ---------- Timeline ----------

function timelineView(params) {
  const q = params.get('q') || '';
  const bucket = params.get('bucket') === 'day' ? 'day' : 'hour';
  const select = el('select', { id: 'bucket', 'data-param': 'bucket', 'aria-label': 'Bar width' },
    el('option', { value: 'hour', text: 'per hour', selected: bucket === 'hour' }),
    el('option', { value: 'day', text: 'per day', selected: bucket === 'day' }));
  select.addEventListener('change', () => go('timeline', { q: document.getElementById('q').value.trim(), bucket: select.value }));
  const out = el('div', { id: 'results' }, el('p', { class: 'muted', text: 'Counting…' }));
  show(el('h1', { class: 'sr-only', text: 'Timeline' }), searchForm('timeline', q, select), viewTabs('timeline', q), out);
  api('/api/timeline?' + query({ q, bucket }), newRequest()).then((answer) => {
    out.replaceChildren(...timelineChart(answer, q));
    paint(out);
  }, (error) => fail(out, error));
}

/** A round step (1, 2 or 5 × 10^n, at least 1) for about `parts` intervals over `span`. */
function niceStep(span, parts) {
  const raw = Math.max(span / parts, 1);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

function timelineChart(answer, q) {
  const parts = [];
  const buckets = answer.buckets || [];
  const names = me.backends.map((b) => b.name).filter((n) => buckets.some((b) => b.counts && b.counts[n]));
  const colours = backendColours();
  const step = answer.bucket === 'day' ? 86400000 : 3600000;
  const total = buckets.reduce((sum, b) => sum + Object.values(b.counts || {}).reduce((a, c) => a + c, 0), 0);
  parts.push(el('p', { class: 'summary' }, el('strong', { text: plural(total, 'action') }),
    ` per ${answer.bucket}, stacked by backend` + (q ? ' · ' : ''), q ? el('code', { text: q }) : null,
    ' · click a bar to search that ' + answer.bucket));
  for (const [name, oldest] of Object.entries(answer.capped || {})) {
    parts.push(el('div', { class: 'banner', role: 'status', 'data-capped': name },
      `Counts the newest ${Number(answer.maxRowsPerBackend).toLocaleString('en')} actions per backend; ` +
      `older than ${utc(oldest)} on ${name} not counted.`));
  }
  const leftOut = leftOutMap(answer.leftOut);
  if (leftOut) parts.push(leftOut);
  if (!buckets.length) {
    parts.push(el('p', { class: 'empty', text: 'No actions match.' }));
    return parts;
  }
  parts.push(legend(names.map((n) => [n, colours.get(n)]), 'Backends'));
  // Fill the gaps so time runs evenly along the axis.
  const starts = buckets.map((b) => Date.parse(b.start));
  const first = Math.min(...starts);
  const last = Math.max(...starts);
  const byStart = new Map(buckets.map((b) => [Date.parse(b.start), b.counts || {}]));
  const slots = [];
  for (let t = first; t <= last && slots.length < 5000; t += step) slots.push([t, byStart.get(t) || {}]);
  const highest = Math.max(...slots.map(([, c]) => Object.values(c).reduce((a, b) => a + b, 0)));
  const tickStep = niceStep(highest, 4);
  const tickCount = Math.max(1, Math.ceil(highest / tickStep));
  const max = tickStep * tickCount;
  const width = 1200;
  const height = 300;
  const left = 48;
  const right = 12;
  const top = 10;
  const bottom = 44;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const slotW = plotW / slots.length;
  const barW = Math.max(1, slotW * 0.85);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart timeline', role: 'img',
    'aria-label': `Actions per ${answer.bucket}, stacked by backend` });
  for (let i = 0; i <= tickCount; i++) {
    const y = top + plotH - (plotH * i) / tickCount;
    chart.append(svg('line', { x1: left, x2: width - right, y1: y, y2: y, class: 'grid' }),
      svg('text', { x: left - 6, y: y + 4, class: 'tick', 'text-anchor': 'end' }, (tickStep * i).toLocaleString('en')));
  }
  const labelEvery = Math.max(1, Math.ceil(slots.length / 12));
  slots.forEach(([start, counts], i) => {
    const x = left + i * slotW + (slotW - barW) / 2;
    const sum = Object.values(counts).reduce((a, b) => a + b, 0);
    const when = new Date(start).toISOString();
    const label = answer.bucket === 'day' ? when.slice(0, 10) : when.slice(0, 13).replace('T', ' ') + ':00';
    if (sum > 0) {
      const group = svg('g', { class: 'bar', 'data-start': when, 'data-total': sum, tabindex: 0, role: 'button',
        'aria-label': `${label} UTC: ${sum} actions — search this ${answer.bucket}` });
      let y = top + plotH;
      for (const name of names) {
        const count = counts[name] || 0;
        if (!count) continue;
        const h = (plotH * count) / max;
        y -= h;
        group.append(svg('rect', { x, y, width: barW, height: Math.max(h, 0.5), fill: colours.get(name),
          'data-backend': name, 'data-count': count }));
      }
      if (slots.length <= 40) {
        group.append(svg('text', { x: x + barW / 2, y: y - 4, class: 'tick total', 'text-anchor': 'middle' }, sum));
      }
      group.append(svg('title', null, `${label} UTC\n` + names.filter((n) => counts[n]).map((n) => `${n}: ${counts[n]}`)
        .join('\n') + `\ntotal: ${sum}`));
      const open = () => go('search', { q: narrow(q, start, start + step) });
      group.addEventListener('click', open);
      group.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          open();
        }
      });
      chart.append(group);
    }
    if (i % labelEvery === 0) {
      const tx = left + i * slotW + slotW / 2;
      const text = answer.bucket === 'day' ? when.slice(5, 10) : (when.slice(11, 13) === '00' ? when.slice(5, 10) + ' ' : '') + when.slice(11, 13) + 'h';
      chart.append(svg('line', { x1: tx, x2: tx, y1: top + plotH, y2: top + plotH + 4, class: 'axis' }),
        svg('text', { x: tx, y: top + plotH + 18, class: 'tick', 'text-anchor': 'middle' }, text));
    }
  });
  chart.append(svg('line', { x1: left, x2: width - right, y1: top + plotH, y2: top + plotH, class: 'axis' }),
    svg('text', { x: left + plotW / 2, y: height - 4, class: 'axis-label', 'text-anchor': 'middle' },
      `time (UTC, one bar per ${answer.bucket})`),
    svg('text', { x: 12, y: top + plotH / 2, class: 'axis-label', 'text-anchor': 'middle',
      transform: `rotate(-90 12 ${top + plotH / 2})` }, 'actions'));
  parts.push(el('figure', { class: 'chart-box' }, chart));
  return parts;
}

/** Ledger's before:/after: are durations back from now: the search for [from, to) with them, other time terms dropped. */
function narrow(q, from, to) {
  const now = Date.now();
  const after = Math.max(1, Math.ceil((now - from) / 1000));
  const before = Math.max(0, Math.floor((now - to) / 1000));
  const kept = q.split(/\s+/).filter((term) => term && !/^(before|after):/i.test(term));
  kept.push('after:' + duration(after));
  if (before > 0) kept.push('before:' + duration(before));
  return kept.join(' ');
}

function duration(seconds) {
  const units = [['w', 604800], ['d', 86400], ['h', 3600], ['m', 60], ['s', 1]];
  let rest = seconds;
  let out = '';
  for (const [unit, size] of units) {
    if (rest >= size) {
      out += Math.floor(rest / size) + unit;
      rest %= size;
    }
  }
  return out || '0s';
}

// ---------- Map ----------

function mapView(params) {
  const q = params.get('q') || '';
  const world = params.get('world') || '';
  const out = el('div', { id: 'results' }, el('p', { class: 'muted', text: 'Placing…' }));
  const worldSelect = el('select', { id: 'world', 'data-param': 'world', 'aria-label': 'World' },
    world ? el('option', { value: world, text: world, selected: true }) : el('option', { value: '', text: 'world…' }));
  worldSelect.addEventListener('change', () => go('map', { q: document.getElementById('q').value.trim(), world: worldSelect.value }));
  show(el('h1', { class: 'sr-only', text: 'Map' }), searchForm('map', q, worldSelect), viewTabs('map', q), out);
  api('/api/map?' + query({ q, world }), newRequest()).then((answer) => {
    worldSelect.replaceChildren(...(answer.worlds || []).map((w) =>
      el('option', { value: w, text: w, selected: w === answer.world })));
    if (!(answer.worlds || []).length) worldSelect.append(el('option', { value: '', text: 'no world' }));
    out.replaceChildren(...mapChart(answer));
    paint(out);
  }, (error) => fail(out, error));
}

function mapChart(answer) {
  const points = answer.points || [];
  const parts = [];
  const counts = new Map();
  for (const p of points) counts.set(p.action, (counts.get(p.action) || 0) + 1);
  const actions = [...counts.keys()].sort();
  const colours = colourMap(actions, ACTION_PALETTE);
  parts.push(el('p', { class: 'summary' }, el('strong', { text: plural(points.length, 'action') }),
    ' in ', el('code', { text: answer.world || '—' }),
    ` at ${plural(new Set(points.map((p) => p.x + ' ' + p.z)).size, 'x/z position')}, coloured by action`
    + ' (nearby points overlap) · click a point to inspect it'));
  if (answer.capped) {
    const since = Object.entries(answer.cappedSince || {}).map(([name, oldest]) => `older than ${utc(oldest)} on ${name}`);
    parts.push(el('div', { class: 'banner', role: 'status', 'data-capped': 'true' },
      `Places the newest ${Number(answer.maxRows).toLocaleString('en')} actions per backend; ` +
      (since.length ? since.join(', ') : 'older ones') + ' not placed.'));
  }
  const leftOut = leftOutMap(answer.leftOut);
  if (leftOut) parts.push(leftOut);
  if (!points.length) {
    parts.push(el('p', { class: 'empty', text: 'No actions match in this world.' }));
    return parts;
  }
  const key = legend(actions.map((a) => [a, colours.get(a), counts.get(a)]), 'Actions');
  key.classList.add('vertical');
  let [minX, maxX, minZ, maxZ] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const p of points) {
    minX = Math.min(minX, p.x); maxX = Math.max(maxX, p.x);
    minZ = Math.min(minZ, p.z); maxZ = Math.max(maxZ, p.z);
  }
  // Same scale on both axes, so distances look as they are in the world.
  const span = Math.max(maxX - minX, maxZ - minZ, 16) * 1.06;
  const cx = (minX + maxX) / 2;
  const cz = (minZ + maxZ) / 2;
  const size = 560;
  const pad = 56;
  const sx = (x) => pad + ((x - (cx - span / 2)) / span) * size;
  const sz = (z) => 12 + ((z - (cz - span / 2)) / span) * size;
  const chart = svg('svg', { viewBox: `0 0 ${size + pad + 16} ${size + 56}`, class: 'chart map', role: 'img',
    'aria-label': `Positions of ${points.length} actions in ${answer.world}` });
  chart.append(svg('rect', { x: pad, y: 12, width: size, height: size, class: 'plot' }));
  const step = niceStep(span, 5);
  for (let vx = Math.ceil((cx - span / 2) / step) * step; vx <= cx + span / 2; vx += step) {
    chart.append(svg('line', { x1: sx(vx), x2: sx(vx), y1: 12, y2: 12 + size, class: 'grid' }),
      svg('text', { x: sx(vx), y: size + 30, class: 'tick', 'text-anchor': 'middle' }, vx));
  }
  for (let vz = Math.ceil((cz - span / 2) / step) * step; vz <= cz + span / 2; vz += step) {
    chart.append(svg('line', { x1: pad, x2: pad + size, y1: sz(vz), y2: sz(vz), class: 'grid' }),
      svg('text', { x: pad - 6, y: sz(vz) + 4, class: 'tick', 'text-anchor': 'end' }, vz));
  }
  chart.append(svg('text', { x: pad + size / 2, y: size + 50, class: 'axis-label', 'text-anchor': 'middle' }, 'x (east is right)'),
    svg('text', { x: 14, y: 12 + size / 2, class: 'axis-label', 'text-anchor': 'middle',
      transform: `rotate(-90 14 ${12 + size / 2})` }, 'z (south is down)'));
  // One listener for all points (a map can hold tens of thousands); titles only while they stay cheap.
  const dots = svg('g', { class: 'points' });
  const titled = points.length <= 3000;
  for (const p of points) {
    const label = `${p.action} at ${p.x} ${p.y} ${p.z} on ${p.backend}`;
    dots.append(svg('circle', { cx: sx(p.x), cy: sz(p.z), r: 4, fill: colours.get(p.action), class: 'point',
      'data-x': p.x, 'data-y': p.y, 'data-z': p.z, 'data-action': p.action, 'data-backend': p.backend,
      tabindex: titled ? 0 : null, role: titled ? 'button' : null, 'aria-label': titled ? label : null },
    titled ? svg('title', null, label + ' — click to inspect') : null));
  }
  const open = (target) => {
    const dot = target.closest && target.closest('circle.point');
    if (!dot) return false;
    const d = dot.dataset;
    go('inspect', { backend: d.backend, world: answer.world, x: d.x, y: d.y, z: d.z });
    return true;
  };
  dots.addEventListener('click', (event) => open(event.target));
  dots.addEventListener('keydown', (event) => {
    if ((event.key === 'Enter' || event.key === ' ') && open(event.target)) event.preventDefault();
  });
  chart.append(dots);
  parts.push(el('div', { class: 'map-layout' }, el('figure', { class: 'chart-box map-box' }, chart),
    el('div', { class: 'map-side' }, el('h2', { text: 'Actions' }), key)));
  return parts;
}

// ---------- Player ----------

function playerView(params) {
  const name = params.get('name') || '';
  const period = PERIODS.includes(params.get('period')) ? params.get('period') : '7d';
  const input = el('input', { id: 'player-name', type: 'text', value: name, required: true, maxlength: 16,
    autocomplete: 'off', spellcheck: 'false', placeholder: 'Steve' });
  const select = el('select', { id: 'period' }, PERIODS.map((p) =>
    el('option', { value: p, text: 'last ' + p, selected: p === period })));
  const form = el('form', { class: 'search', id: 'player-form' },
    el('label', { for: 'player-name', text: 'Player' }), input,
    el('label', { for: 'period', text: 'Counts over' }), select,
    el('button', { type: 'submit', class: 'primary', text: 'Show' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go('player', { name: input.value.trim(), period: select.value });
  });
  const out = el('div', { id: 'results' });
  show(el('h1', { class: 'sr-only', text: 'Player' }), form, out);
  if (!name) {
    out.append(el('p', { class: 'empty', text: 'A player’s network history: joins per backend, what they did, their latest actions.' }));
    input.focus();
    return;
  }
  out.append(el('p', { class: 'muted', text: 'Looking up…' }));
  api('/api/player?' + query({ name, period }), newRequest()).then((answer) => {
    out.replaceChildren(...playerPage(answer));
    paint(out);
  }, (error) => fail(out, error));
}

function playerPage(answer) {
  const parts = [];
  const leftOut = leftOutMap(answer.leftOut);
  if (leftOut) parts.push(leftOut);
  const players = answer.players || [];
  if (!players.length) {
    parts.push(el('p', { class: 'empty', text: 'No player by that name on the backends you may read.' }));
    return parts;
  }
  const colours = backendColours();
  for (const player of players) {
    const table = el('table', { class: 'rows joins' },
      el('caption', { text: 'Joins per backend' }),
      el('thead', null, el('tr', null, ['Backend', 'First join', 'Last join', 'Last-join position']
        .map((h) => el('th', { scope: 'col', text: h })))));
    const body = el('tbody');
    for (const b of player.backends || []) {
      const pos = b.lastPosition;
      body.append(el('tr', { 'data-backend': b.name },
        el('td', null, swatch(colours.get(b.name) || '#888'), b.name), timeCell(b.firstJoin), timeCell(b.lastJoin),
        el('td', { class: 'mono' }, pos ? el('a', {
          href: hashFor('inspect', { backend: b.name, world: pos.world, x: pos.x, y: pos.y, z: pos.z }),
          text: `${pos.x} ${pos.y} ${pos.z} in ${pos.world}`,
        }) : el('span', { class: 'muted', text: '—', title: 'Ledger keeps the position of the latest join only' }))));
    }
    table.append(body);
    parts.push(el('section', { class: 'player', 'data-uuid': player.uuid },
      el('h2', null, player.name, ' ', el('span', { class: 'muted mono small', text: player.uuid })),
      el('p', { class: 'also' }, el('a', { href: hashFor('search', { q: '@' + player.name }), text: 'Search their actions' }),
        ' · ', el('a', { href: hashFor('map', { q: '@' + player.name }), text: 'on the map' }),
        ' · ', el('a', { href: hashFor('timeline', { q: '@' + player.name }), text: 'on the timeline' })),
      el('div', { class: 'table-wrap' }, table)));
  }
  const counts = Object.entries(answer.actionCounts || {}).sort((a, b) => b[1] - a[1]);
  const section = el('section', { class: 'counts', id: 'action-counts' },
    el('h2', { text: `Actions in the last ${answer.period}` + (answer.countsCapped ? ' (bounded: the newest only)' : '') }));
  if (!counts.length) section.append(el('p', { class: 'empty', text: 'None in this period.' }));
  else {
    const top = counts[0][1];
    const list = el('table', { class: 'bars' });
    for (const [action, count] of counts) {
      const bar = el('span', { class: 'hbar' });
      bar.style.width = Math.max(1, (100 * count) / top) + '%';
      list.append(el('tr', { 'data-action': action, 'data-count': count },
        el('th', { scope: 'row', text: action }), el('td', { class: 'num', text: count.toLocaleString('en') }),
        el('td', { class: 'bar-cell' }, bar)));
    }
    section.append(list);
  }
  // Who they are and what they did, side by side; their latest actions below.
  const sections = parts.splice(parts.findIndex((p) => p.classList && p.classList.contains('player')));
  parts.push(el('div', { class: 'player-grid' }, el('div', null, sections), section));
  const latest = answer.latest;
  if (latest) {
    parts.push(el('section', { id: 'latest' }, el('h2', { text: 'Latest actions across the network' }),
      ...leftOutNotes(Object.assign({}, latest, { leftOut: answer.leftOut ? {} : latest.leftOut })),
      rowsTable(latest.rows || [], 'Latest actions')));
  }
  return parts;
}

// ---------- Inspect ----------

function inspectView(params) {
  const readable = me.backends.filter((b) => b.inspect);
  const backend = params.get('backend') || (readable[0] ? readable[0].name : '');
  const field = (id, label, value, attrs) => [el('label', { for: id, text: label }),
    el('input', Object.assign({ id, name: id, value: value || '', required: true, autocomplete: 'off' }, attrs))];
  const select = el('select', { id: 'ibackend', name: 'backend' }, readable.map((b) =>
    el('option', { value: b.name, text: b.name, selected: b.name === backend })));
  if (backend && !readable.some((b) => b.name === backend)) {
    select.append(el('option', { value: backend, text: backend, selected: true }));
  }
  const number = { type: 'number', step: 1, inputmode: 'numeric', class: 'coord' };
  const form = el('form', { class: 'search', id: 'inspect-form' },
    el('label', { for: 'ibackend', text: 'Backend' }), select,
    ...field('iworld', 'World', params.get('world') || (backend ? backend + ':overworld' : ''),
      { placeholder: 'survival:overworld', spellcheck: 'false', class: 'world' }),
    ...field('ix', 'x', params.get('x'), number), ...field('iy', 'y', params.get('y'), number),
    ...field('iz', 'z', params.get('z'), number),
    el('button', { type: 'submit', class: 'primary', text: 'Inspect' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (id) => document.getElementById(id).value.trim();
    go('inspect', { backend: select.value, world: value('iworld'), x: value('ix'), y: value('iy'), z: value('iz') });
  });
  const out = el('div', { id: 'results' });
  show(el('h1', { class: 'sr-only', text: 'Inspect' }), form, out);
  const coords = ['x', 'y', 'z'].map((k) => params.get(k));
  if (!params.get('backend') || coords.some((c) => c === null || c === '')) {
    out.append(el('p', { class: 'empty', text: 'Every action recorded at one block: choose the backend, world and x y z.' }));
    return;
  }
  out.append(el('p', { class: 'muted', text: 'Inspecting…' }));
  const [x, y, z] = coords;
  api('/api/inspect?' + query({ backend: params.get('backend'), world: params.get('world'), x, y, z }), newRequest())
    .then((answer) => {
      const page = answer.page || answer;
      out.replaceChildren(el('p', { class: 'summary' }, el('strong', { text: `${x} ${y} ${z}` }), ' in ',
        el('code', { text: params.get('world') || '' }), ' on ', params.get('backend'),
        ' · ' + plural((page.rows || []).length, 'action') + (page.next ? ' (first page)' : '')),
      ...leftOutNotes(page), rowsTable(page.rows || [], 'Actions at this position'));
      paint(out);
    }, (error) => fail(out, error));
}

// ---------- login, logout ----------

function notLoggedIn() {
  me = null;
  if (location.hash && !location.hash.startsWith('#/logged-out')) sessionStorage.setItem(WANTED_KEY, location.hash);
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  document.title = 'LedgerNet · not logged in';
  show(el('section', { class: 'login', id: 'not-logged-in' },
    el('h1', { text: 'Not logged in' }),
    el('p', null, 'This is LedgerNet’s staff console. To open it, get a login link:'),
    el('ul', null,
      el('li', null, 'in game, run ', el('code', { text: '/lgn web' }), ' and click the link in chat;'),
      el('li', null, 'or on the server, run ', el('code', { text: 'java -jar ledgernet-cli.jar web --dir …' }),
        ' and open the link it prints.')),
    el('p', { class: 'muted', text: 'A link works once and for 5 minutes. ' +
      (sessionStorage.getItem(WANTED_KEY) ? 'After you log in, the console returns to the view you asked for.' : '') })));
}

function loggedOutView() {
  me = null;
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  document.title = 'LedgerNet · logged out';
  show(el('section', { class: 'login', id: 'logged-out' },
    el('h1', { text: 'Logged out' }),
    el('p', null, 'Your session has ended. Run ', el('code', { text: '/lgn web' }),
      ' in game (or the CLI’s ', el('code', { text: 'web' }), ' command) for a new login link.')));
}

async function logout() {
  const button = document.getElementById('logout');
  button.disabled = true;
  try {
    const res = await fetch('/logout', { method: 'POST', credentials: 'same-origin' });
    if (!res.ok && res.status !== 401) throw await apiError(res);
    if (current) current.abort();
    history.replaceState(null, '', '#/logged-out');
    loggedOutView();
  } catch (error) {
    button.disabled = false;
    const box = errorBox(error);
    if (box) main().prepend(box);
  }
}

async function boot() {
  document.getElementById('logout').addEventListener('click', logout);
  if (parseHash(location.hash).view === 'logged-out') {
    loggedOutView();
    return;
  }
  try {
    me = await api('/api/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) notLoggedIn();
    else show(el('h1', { text: 'LedgerNet console' }), errorBox(error));
    return;
  }
  const wanted = sessionStorage.getItem(WANTED_KEY);
  sessionStorage.removeItem(WANTED_KEY);
  if (wanted && (!location.hash || location.hash === '#/' || location.hash === '#')) {
    history.replaceState(null, '', wanted);
  }
  document.getElementById('nav').hidden = false;
  document.getElementById('who').hidden = false;
  document.getElementById('who-name').textContent = me.name;
  const names = me.backends.map((b) => b.name);
  const list = document.getElementById('who-backends');
  list.textContent = names.length ? names.join(' · ') : 'no backend readable';
  list.title = 'Backends you may read';
  list.id = 'who-backends';
  window.addEventListener('hashchange', route);
  route();
}

document.addEventListener('DOMContentLoaded', boot);
