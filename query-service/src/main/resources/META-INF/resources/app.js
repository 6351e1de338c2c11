// Quotewire's pages: each reads the query API (same origin) and renders with DOM calls, never innerHTML, so
// article text and names are shown as text. The Now page follows the live quote stream (Server-Sent Events).
'use strict';

const $ = (selector) => document.querySelector(selector);
const params = new URLSearchParams(location.search);
const SVG = 'http://www.w3.org/2000/svg';

/** An element with attributes (on* never) and children (strings become text). */
function h(tag, attrs, ...children) {
  const el = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined && v !== false) el.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (e) { /* not a problem document */ }
    throw new Error(`${response.status}: ${detail}`);
  }
  return response.json();
}

const enc = encodeURIComponent;
const entityHref = (id) => `/?entity=${enc(id)}`;
const quoteHref = (id) => `/?quote=${enc(id)}`;
const articleHref = (id) => `/?article=${enc(id)}`;

function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

function day(iso) {
  return iso ? String(iso).slice(0, 10) : '';
}

function speakerLink(speaker) {
  if (!speaker || !speaker.name) return h('span', { class: 'unattributed' }, 'unattributed');
  // a speaker whose entity was not projected yet when the event was served: found by name
  return h('a', { href: speaker.entityId ? entityHref(speaker.entityId) : `/?q=${enc(speaker.name)}` }, speaker.name);
}

/** A live feed event (one quote in one article) as a list item. */
function feedQuote(e, fresh) {
  return h('li', { class: fresh ? 'fresh' : null, 'data-id': e.id },
    h('blockquote', {}, h('a', { href: quoteHref(e.quoteId) }, `“${e.text}”`)),
    h('div', { class: 'meta' }, speakerLink(e.speaker), ' · ',
      h('a', { href: articleHref(e.articleId) }, e.source || e.title || 'article'), ' · ', when(e.at)));
}

/** A quote of the API (with its occurrences) as a list item: shown once, with every outlet that carried it. */
function quoteItem(q) {
  const outlets = [...new Set((q.occurrences || []).map((o) => o.source).filter(Boolean))];
  return h('li', {},
    h('blockquote', {}, h('a', { href: quoteHref(q.id) }, `“${q.text}”`)),
    h('div', { class: 'meta' }, speakerLink(q.speaker), ' · ',
      outlets.length ? outlets.join(', ') : 'no outlet named',
      q.occurrenceCount > 1 ? ` · ${q.occurrenceCount} articles` : ''));
}

function entityItem(e) {
  return h('li', {}, h('a', { href: entityHref(e.id) }, e.name),
    h('span', { class: 'count' }, `${e.type.toLowerCase()} · ${e.articleCount ?? e.articles} articles`));
}

function fail(error) {
  const main = $('#main');
  main.prepend(h('p', { class: 'error', role: 'alert' }, `Could not load: ${error.message}`));
}

// ---- pages

async function now() {
  const list = $('#quotes');
  const status = $('#live');
  const latest = await api('/api/live/quotes/latest?limit=20');
  latest.forEach((e) => list.append(feedQuote(e, false)));
  const after = latest.length ? `?after=${enc(latest[0].id)}` : '';
  const source = new EventSource(`/api/live/quotes${after}`);
  source.addEventListener('open', () => { status.textContent = 'live'; status.classList.add('on'); });
  source.addEventListener('error', () => { status.textContent = 'reconnecting…'; status.classList.remove('on'); });
  source.addEventListener('quote', (message) => {
    list.prepend(feedQuote(JSON.parse(message.data), true));
    while (list.children.length > 50) list.lastElementChild.remove();
  });
  const trending = await api('/api/entities/trending?hours=24&limit=10');
  const ol = $('#trending');
  trending.forEach((e) => ol.append(h('li', {}, h('a', { href: entityHref(e.id) }, e.name),
    h('span', { class: 'count' }, `${e.articles} articles · ${e.mentions} mentions`))));
  if (!trending.length) ol.append(h('li', { class: 'meta' }, 'No articles in the last 24 hours.'));
}

async function search() {
  const q = (params.get('q') || '').trim();
  $('#q').value = q;
  $('#title').textContent = q ? `Search: ${q}` : 'Search';
  if (!q) return;
  const [entities, quotes] = await Promise.all([
    api(`/api/entities?q=${enc(q)}&size=20`), api(`/api/quotes?q=${enc(q)}&size=20`)]);
  const ul = $('#entities');
  entities.items.forEach((e) => ul.append(entityItem(e)));
  if (!entities.items.length) ul.append(h('li', { class: 'meta' }, 'No entity by that name.'));
  // the quotes of a person found by name, then the quotes with the words
  const ol = $('#quotes');
  const person = entities.items.find((e) => e.type === 'PERSON');
  const spoken = person ? await api(`/api/quotes?speaker=${enc(person.id)}&size=20`) : { items: [] };
  const seen = new Set();
  [...spoken.items, ...quotes.items].forEach((item) => {
    if (!seen.has(item.id)) { seen.add(item.id); ol.append(quoteItem(item)); }
  });
  if (!seen.size) ol.append(h('li', { class: 'meta' }, 'No quote with those words.'));
}

async function entity() {
  const e = await api(`/api/entities/${enc(params.get('entity'))}`);
  document.title = `${e.name} · Quotewire`;
  $('#title').textContent = e.name;
  const aliases = (e.aliases || []).filter((a) => a !== e.name);
  $('#facts').textContent = `${e.type.toLowerCase()} · ${e.articleCount} articles · ${e.mentionCount} mentions`
    + (aliases.length ? ` · also: ${aliases.join(', ')}` : '');
  const [quotes, graph, timeline] = await Promise.all([
    api(`/api/quotes?speaker=${enc(e.id)}&size=50`), api(`/api/graph?entity=${enc(e.id)}&limit=12`),
    api(`/api/timeline?entity=${enc(e.id)}&interval=day`)]);
  const ol = $('#quotes');
  quotes.items.forEach((q) => ol.append(quoteItem(q)));
  if (!quotes.items.length) ol.append(h('li', { class: 'meta' }, 'No quote attributed.'));
  drawGraph($('#graph'), graph);
  const related = $('#related');
  graph.nodes.filter((n) => n.id !== graph.center).forEach((n) => related.append(entityItem(n)));
  drawTimeline($('#timeline'), timeline.buckets);
}

async function article() {
  const a = await api(`/api/articles/${enc(params.get('article'))}`);
  // a plain-text article has no title: its first words stand in
  const title = a.title || `${(a.text || '').split(/\s+/).slice(0, 12).join(' ')}…`;
  document.title = `${title} · Quotewire`;
  $('#title').textContent = title;
  $('#facts').append(a.source || 'no outlet named', ' · ', day(a.publishedAt) || 'undated',
    a.url ? ' · ' : '', a.url ? h('a', { href: a.url, rel: 'noopener noreferrer' }, 'original') : '');
  $('#text').append(highlighted(a));
  const ol = $('#quotes');
  a.quotes.forEach((q) => ol.append(h('li', { id: `q-${q.id}-${q.start}` },
    h('blockquote', {}, h('a', { href: quoteHref(q.id) }, `“${q.text}”`)),
    h('div', { class: 'meta' }, speakerLink(q.speaker)))));
  const ul = $('#entities');
  a.entities.forEach((e) => ul.append(h('li', {}, h('a', { href: entityHref(e.id) }, e.name),
    h('span', { class: 'count' }, `${e.type.toLowerCase()} · ${(e.mentions || []).length} mentions`))));
}

/** The article's text with its entities' mentions and its quotes marked, each linked. */
function highlighted(a) {
  const text = a.text || '';
  const marks = [];
  a.entities.forEach((e) => (e.mentions || []).forEach((m) => marks.push({ start: m.start, end: m.end, entity: e })));
  a.quotes.forEach((q) => marks.push({ start: q.start, end: q.end, quote: q }));
  const cuts = new Set([0, text.length]);
  marks.forEach((m) => { cuts.add(Math.max(0, Math.min(text.length, m.start))); cuts.add(Math.max(0, Math.min(text.length, m.end))); });
  const points = [...cuts].sort((x, y) => x - y);
  const out = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const inside = marks.filter((m) => m.start <= from && m.end >= to);
    let node = document.createTextNode(text.slice(from, to));
    const mention = inside.find((m) => m.entity);
    if (mention) node = h('span', { class: 'mention' }, h('a', { href: entityHref(mention.entity.id) }, node));
    const quote = inside.find((m) => m.quote);
    if (quote) {
      node = h('span', { class: 'quote', title: quote.quote.speaker && quote.quote.speaker.name
        ? `said by ${quote.quote.speaker.name}` : 'unattributed' }, node);
    }
    out.append(node);
    const ending = marks.find((m) => m.quote && m.end === to);
    if (ending) {
      const q = ending.quote;
      out.append(q.speaker && q.speaker.entityId
        ? h('a', { class: 'said', href: entityHref(q.speaker.entityId), title: `said by ${q.speaker.name}` }, `— ${q.speaker.name}`)
        : h('a', { class: 'said', href: quoteHref(q.id) }, '— ?'));
    }
  }
  return out;
}

async function quote() {
  const id = params.get('quote');
  const [q, occurrences] = await Promise.all([api(`/api/quotes/${enc(id)}`),
    api(`/api/quotes/${enc(id)}/occurrences?size=100`)]);
  $('#quote').textContent = `“${q.text}”`;
  document.title = `“${q.text.slice(0, 60)}” · Quotewire`;
  $('#facts').append(speakerLink(q.speaker), ` · ${q.occurrenceCount} article${q.occurrenceCount === 1 ? '' : 's'}`);
  const ol = $('#occurrences');
  occurrences.items.forEach((o) => ol.append(h('li', {}, h('a', { href: articleHref(o.articleId) }, o.title || o.articleId),
    h('span', { class: 'count' }, `${o.source || 'no outlet named'} · ${day(o.publishedAt) || 'undated'}`))));
}

// ---- drawings

/** The co-mention graph: the entity in the middle, its neighbours around it, sized by articles; each a link. */
function drawGraph(container, graph) {
  const width = 720, height = 420, cx = width / 2, cy = height / 2;
  const nodes = graph.nodes;
  const max = Math.max(1, ...nodes.map((n) => n.articleCount));
  const radius = (n) => 5 + 13 * Math.sqrt(n.articleCount / max);
  const around = nodes.filter((n) => n.id !== graph.center);
  const at = new Map();
  nodes.filter((n) => n.id === graph.center).forEach((n) => at.set(n.id, [cx, cy]));
  around.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, around.length) - Math.PI / 2;
    at.set(n.id, [cx + 230 * Math.cos(angle), cy + 165 * Math.sin(angle)]);
  });
  const weight = Math.max(1, ...graph.edges.map((e) => e.weight));
  const svg = h('svg:svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'Entities mentioned with this one' });
  graph.edges.forEach((e) => {
    const [a, b] = [at.get(e.source), at.get(e.target)];
    if (a && b) {
      svg.append(h('svg:line', { x1: a[0], y1: a[1], x2: b[0], y2: b[1], stroke: '#9aa7b5',
        'stroke-width': 1 + 5 * (e.weight / weight), 'stroke-opacity': 0.7 }));
    }
  });
  nodes.forEach((n) => {
    const [x, y] = at.get(n.id);
    const center = n.id === graph.center;
    const link = h('svg:a', { href: entityHref(n.id), 'aria-label': `${n.name}, ${n.articleCount} articles` },
      h('svg:title', {}, `${n.name} (${n.articleCount} articles)`),
      h('svg:circle', { cx: x, cy: y, r: radius(n), fill: center ? '#0b5cad' : '#6ea8dc' }),
      h('svg:text', { x, y: y + radius(n) + 14, 'text-anchor': 'middle' }, n.name));
    svg.append(link);
  });
  container.append(svg);
}

/** Mentions and quotes per day, as bars (each bar's title gives the day's articles too). */
function drawTimeline(container, buckets) {
  if (!buckets.length) { container.append(h('p', { class: 'meta' }, 'No dated article.')); return; }
  const width = 640, height = 180, pad = 24;
  const max = Math.max(1, ...buckets.map((b) => Math.max(b.mentions, b.quotes)));
  const slot = (width - 2 * pad) / buckets.length;
  const bar = Math.max(1, slot / 2 - 1);
  const y = (v) => height - pad - (height - 2 * pad) * (v / max);
  const svg = h('svg:svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'Mentions and quotes per day' });
  buckets.forEach((b, i) => {
    const x = pad + i * slot;
    const label = `${day(b.start)}: ${b.mentions} mentions, ${b.quotes} quotes, in ${b.articles} articles`;
    svg.append(h('svg:rect', { x, y: y(b.mentions), width: bar, height: height - pad - y(b.mentions), fill: '#6ea8dc' },
      h('svg:title', {}, label)));
    svg.append(h('svg:rect', { x: x + bar + 1, y: y(b.quotes), width: bar, height: height - pad - y(b.quotes), fill: '#e8a33d' },
      h('svg:title', {}, label)));
  });
  svg.append(h('svg:text', { x: pad, y: height - 6 }, day(buckets[0].start)));
  svg.append(h('svg:text', { x: width - pad, y: height - 6, 'text-anchor': 'end' }, day(buckets[buckets.length - 1].start)));
  svg.append(h('svg:text', { x: pad, y: 12 }, `max ${max} · blue: mentions · orange: quotes`));
  container.append(svg);
}

const pages = { now, search, entity, article, quote };
// the page the address asks for: its template goes into <main>
const name = ['entity', 'article', 'quote'].find((p) => params.has(p)) || (params.has('q') ? 'search' : 'now');
document.body.dataset.page = name;
$('#main').append(document.getElementById(`page-${name}`).content.cloneNode(true));
const page = pages[name];
// when the page has its data on screen: the time since navigation started, for the benchmarks
const rendered = () => { document.body.dataset.rendered = String(Math.round(performance.now())); };
if (page) page().then(rendered, (error) => { fail(error); rendered(); });
