// The operations console. It holds no data of its own: it signs in through /api/auth/login and then
// reads /api/admin/** (one SSE stream of snapshots, plus lists fetched on demand). Writes echo the
// XSRF-TOKEN cookie in X-XSRF-TOKEN, as every cookie-authenticated write must (decision 0002).
'use strict';

// Every uncaught error is kept where a test (or a curious operator) can read it.
window.opsErrors = [];
window.addEventListener('error', (event) => window.opsErrors.push(String(event.message)));
window.addEventListener('unhandledrejection', (event) => window.opsErrors.push(String(event.reason)));

// Set after an administrator signed in here, so a fresh visitor gets the form without a refused request.
const SIGNED_IN = 'storefront.ops.admin';

const HISTORY = 300; // snapshots kept for the sparklines: 5 minutes at one per second
const history = [];
let stream = null;
let lastFailed = '';
let lastDeadLettered = -1;

const $ = (id) => document.getElementById(id);

function cookie(name) {
  const found = document.cookie.split('; ').find((c) => c.startsWith(name + '='));
  return found ? decodeURIComponent(found.substring(name.length + 1)) : null;
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  const token = cookie('XSRF-TOKEN');
  if (token) headers['X-XSRF-TOKEN'] = token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
}

async function problem(response) {
  try {
    const body = await response.json();
    return body.detail || body.title || String(response.status);
  } catch (e) {
    return String(response.status);
  }
}

// ---- signing in -------------------------------------------------------------------------------

function showSignIn(message) {
  sessionStorage.removeItem(SIGNED_IN);
  if (stream) { stream.close(); stream = null; }
  $('console').hidden = true;
  $('signout').hidden = true;
  $('signin-panel').hidden = false;
  $('signin-error').textContent = message || '';
  $('status').textContent = 'Not signed in';
}

async function start() {
  const response = await call('GET', '/api/admin/ops/snapshot');
  if (response.status === 401) return showSignIn('');
  if (response.status === 403) return showSignIn('This account is not an administrator.');
  if (!response.ok) return showSignIn('The console is unavailable: ' + await problem(response));
  render(await response.json());
  $('signin-panel').hidden = true;
  $('console').hidden = false;
  $('status').textContent = 'Connecting…';
  $('signout').hidden = false;
  listen();
  loadDeadLetters();
}

function listen() {
  if (stream) stream.close();
  stream = new EventSource('/api/admin/ops/stream');
  stream.addEventListener('open', () => { $('status').textContent = 'Live'; });
  stream.addEventListener('snapshot', (event) => render(JSON.parse(event.data)));
  stream.addEventListener('error', () => {
    $('status').textContent = 'Reconnecting…';
    // A refused stream (signed out, session revoked) is closed for good: find out why.
    if (stream && stream.readyState === EventSource.CLOSED) {
      stream = null;
      setTimeout(start, 2000);
    }
  });
}

$('signin').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('signin-error').textContent = '';
  const response = await call('POST', '/api/auth/login', { email: $('email').value, password: $('password').value });
  if (response.status === 401) return showSignIn('Wrong email or password.');
  if (!response.ok) return showSignIn('Sign-in failed: ' + await problem(response));
  const user = await response.json();
  if (!(user.roles || []).includes('ADMIN')) return showSignIn('This account is not an administrator.');
  $('password').value = '';
  sessionStorage.setItem(SIGNED_IN, 'yes');
  start();
});

$('signout').addEventListener('click', async () => {
  await call('POST', '/api/auth/logout');
  showSignIn('Signed out.');
});

// ---- rendering --------------------------------------------------------------------------------

function header(row, value) {
  const th = document.createElement('th');
  th.scope = 'row';
  th.textContent = value;
  row.appendChild(th);
}

function setCell(td, value) {
  if (value instanceof Node) {
    td.replaceChildren(value);
    return;
  }
  const text = value == null ? '–' : String(value);
  if (td.textContent !== text) td.textContent = text;
}

/**
 * Updates a table in place, one row per key: rows, and the buttons in them, survive every tick, so focus
 * and keyboard navigation are not lost once a second. cellsOf gives [value, className] pairs, the first
 * being the row's header; actionsOf (optional) builds the row's buttons once.
 */
function fill(tableId, items, keyOf, cellsOf, actionsOf) {
  const body = $(tableId).querySelector('tbody');
  const keep = new Set();
  items.forEach((item, index) => {
    const key = keyOf(item);
    keep.add(key);
    const cells = cellsOf(item);
    let tr = Array.from(body.rows).find((r) => r.dataset.key === key);
    if (!tr) {
      tr = document.createElement('tr');
      tr.dataset.key = key;
      header(tr, cells[0][0]);
      cells.slice(1).forEach(([, className]) => {
        const td = document.createElement('td');
        if (className) td.className = className;
        tr.appendChild(td);
      });
      if (actionsOf) {
        const td = document.createElement('td');
        td.append(...actionsOf(item));
        tr.appendChild(td);
      }
    }
    cells.slice(1).forEach(([value], i) => setCell(tr.cells[i + 1], value));
    if (body.rows[index] !== tr) body.insertBefore(tr, body.rows[index] || null);
  });
  Array.from(body.rows).forEach((r) => { if (!keep.has(r.dataset.key)) r.remove(); });
}

const pct = (v) => (v == null ? '–' : (v * 100).toFixed(1) + ' %');
const num = (v) => (v == null ? '–' : Math.round(v).toLocaleString('en'));
const rate = (v) => (v == null ? '–' : v.toFixed(1));
const bytes = (v) => {
  if (v == null) return '–';
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return v.toFixed(i ? 1 : 0) + ' ' + units[i];
};

/** Per-second rate of a cumulative figure between the last two snapshots. */
function perSecond(pick, index) {
  const i = index === undefined ? history.length - 1 : index;
  if (i < 1) return null;
  const a = pick(history[i - 1]);
  const b = pick(history[i]);
  const seconds = (Date.parse(history[i].at) - Date.parse(history[i - 1].at)) / 1000;
  return a == null || b == null || seconds <= 0 ? null : Math.max(0, (b - a) / seconds);
}

/** Hits / requests of a cache over the last WINDOW snapshots: what the cache does now. */
const WINDOW = 10;
function windowRatio(pick) {
  const first = history.length > WINDOW ? history.length - 1 - WINDOW : 0;
  const a = pick(history[first]);
  const b = pick(history[history.length - 1]);
  if (!a || !b || a === b) return null;
  const requests = (b.l1Hits + b.l1Misses) - (a.l1Hits + a.l1Misses);
  return requests > 0 ? ((b.l1Hits + b.l2Hits) - (a.l1Hits + a.l2Hits)) / requests : null;
}

function series(pick) {
  return history.map((snapshot) => pick(snapshot));
}

function rates(pick) {
  return history.map((_, i) => perSecond(pick, i));
}

function sparkline(values, label) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('viewBox', '0 0 120 24');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  const known = values.filter((v) => v != null);
  if (known.length > 1) {
    const max = Math.max(...known);
    const min = Math.min(0, ...known);
    const span = max - min || 1;
    const step = 120 / (HISTORY - 1);
    const offset = HISTORY - values.length;
    const points = [];
    values.forEach((v, i) => {
      if (v != null) points.push(((offset + i) * step).toFixed(1) + ',' + (23 - ((v - min) / span) * 22).toFixed(1));
    });
    const line = document.createElementNS(ns, 'polyline');
    line.setAttribute('points', points.join(' '));
    svg.appendChild(line);
  }
  return svg;
}

function button(text, label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

const byName = (list, name, key) => (list || []).find((x) => x[key || 'name'] === name);

function render(snapshot) {
  history.push(snapshot);
  if (history.length > HISTORY) history.shift();

  fill('caches', snapshot.caches, (c) => c.name, (c) => {
    const pick = (s) => byName(s.caches, c.name);
    return [[c.name], [rate(perSecond((s) => { const x = pick(s); return x && x.l1Hits + x.l1Misses; }))],
      [pct(windowRatio(pick)), 'recent-hit-ratio'], [pct(c.hitRatio), 'hit-ratio'],
      [num(c.l1Hits)], [num(c.l2Hits)], [num(c.l2Misses)], [num(c.loads)], [num(c.staleServed)],
      [num(c.earlyRefreshes)], [num(c.evictions)],
      [sparkline(series((s) => { const x = pick(s); return x && x.hitRatio; }), 'Hit ratio of ' + c.name + ', last 5 minutes')]];
  }, (c) => [button('Clear', 'Clear the whole cache ' + c.name, () =>
    act('Clear the whole cache "' + c.name + '" on every instance?', 'DELETE', '/api/admin/caches/' + encodeURIComponent(c.name)))]);
  const select = $('evict-cache');
  const chosen = select.value;
  const names = snapshot.caches.map((c) => c.name);
  if (names.join() !== Array.from(select.options).map((o) => o.value).join()) {
    select.replaceChildren(...names.map((n) => new Option(n, n)));
    if (names.includes(chosen)) select.value = chosen;
  }

  fill('redis', snapshot.redis, (n) => n.redis + ' ' + n.node, (n) => [[n.redis], [n.node], [n.role],
    [bytes(n.usedMemory) + (n.maxMemory ? ' / ' + bytes(n.maxMemory) : ' (no limit)')],
    [num(n.opsPerSecond)], [pct(n.hitRatio)], [num(n.connectedClients)], [num(n.evictedKeys)],
    [sparkline(series((s) => { const x = (s.redis || []).find((r) => r.redis === n.redis && r.node === n.node); return x && x.opsPerSecond; }),
      'Ops per second of ' + n.node + ', last 5 minutes')]]);

  fill('breakers', snapshot.breakers, (b) => b.name, (b) => [[b.name], [b.state, 'state'],
    [b.since ? new Date(b.since).toLocaleTimeString() : 'since start']]);
  Array.from($('breakers').querySelectorAll('td.state')).forEach((td) => { td.dataset.state = td.textContent; });

  const policies = Object.keys(snapshot.rateLimits || {}).sort();
  fill('limits', policies, (p) => p, (p) => {
    const pick = (result) => (s) => ((s.rateLimits || {})[p] || {})[result] || 0;
    return [[p], [rate(perSecond(pick('allowed')))], [rate(perSecond(pick('rejected')))],
      [num(snapshot.rateLimits[p].rejected || 0)],
      [sparkline(rates(pick('rejected')), 'Rejected per second by ' + p + ', last 5 minutes')]];
  });

  fill('queues', snapshot.queues, (q) => q.name, (q) => {
    const pick = (s) => { const x = byName(s.queues, q.name); return x && x.completed; };
    const count = (state) => num(q.counts[state]);
    // Jobs that wait to start, whatever the reason: in line, by priority, or in a paused queue.
    const waiting = ['waiting', 'prioritized', 'paused'].reduce((sum, state) => sum + (q.counts[state] || 0), 0);
    return [[q.name], [num(waiting), 'waiting'], [count('active'), 'active'], [count('delayed'), 'delayed'],
      [count('failed'), 'failed'], [count('completed'), 'completed'], [num(q.completed), 'completed-here'],
      [rate(perSecond(pick))], [sparkline(rates(pick), 'Jobs completed per second by ' + q.name + ', last 5 minutes')]];
  }, (q) => [button('Retry failed', 'Retry every failed job of ' + q.name, () =>
    act('Retry every failed job of queue "' + q.name + '"?', 'POST', '/api/admin/queues/' + encodeURIComponent(q.name) + '/retry-failed'))]);
  const failed = snapshot.queues.filter((q) => q.counts.failed).map((q) => q.name + '=' + q.counts.failed + '/' + q.failed).join();
  if (failed !== lastFailed) {
    lastFailed = failed;
    loadFailedJobs(snapshot.queues.filter((q) => q.counts.failed).map((q) => q.name));
  }

  fill('streams', snapshot.streams, (g) => g.group, (g) => {
    const pick = (s) => { const x = byName(s.streams, g.group, 'group'); return x && x.consumed; };
    return [[g.group], [num(g.lag)], [num(g.pending)], [rate(perSecond(pick))], [num(g.reclaimed)], [num(g.deadLettered)],
      [sparkline(rates(pick), 'Events consumed per second by ' + g.group + ', last 5 minutes')]];
  });
  const deadLettered = snapshot.streams.reduce((sum, g) => sum + g.deadLettered, 0);
  if (lastDeadLettered >= 0 && deadLettered !== lastDeadLettered) loadDeadLetters();
  lastDeadLettered = deadLettered;

  const realtime = snapshot.realtime;
  const created = (s) => Object.values(s.realtime.notifications).reduce((a, b) => a + b, 0);
  definitions('realtime', [
    ...Object.entries(realtime.connections).map(([kind, n]) => ['Open ' + kind + ' connections', num(n)]),
    ['Notifications/s', rate(perSecond(created))],
    ['Notifications, 5 min', sparkline(rates(created), 'Notifications per second, last 5 minutes')],
    ['Dropped deliveries', num(realtime.dropped)],
    ['Refused handshakes', num(realtime.refused)],
    ['Closed by the server', num(realtime.closed)],
  ]);
  fill('notifications', Object.keys(realtime.notifications).sort(), (type) => type,
    (type) => [[type], [num(realtime.notifications[type]), 'count']]);

  const expired = (s) => s.orders.expired;
  definitions('orders', [
    ['Expired by this instance since it started', num(snapshot.orders.expired)],
    ['Expired, last 5 min', num(history.length > 1 ? expired(snapshot) - expired(history[0]) : 0)],
  ]);
  $('status').textContent = 'Live · ' + new Date(snapshot.at).toLocaleTimeString();
}

function definitions(id, pairs) {
  const nodes = [];
  pairs.forEach(([term, value]) => {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = value;
    nodes.push(dt, dd);
  });
  $(id).replaceChildren(...nodes);
}

// ---- lists fetched on demand ------------------------------------------------------------------

/** Updates a list in place by key (like fill), so a button under the pointer or the focus survives a reload. */
function fillList(listId, items, keyOf, build) {
  const list = $(listId);
  const keep = new Set();
  items.forEach((item, index) => {
    const key = keyOf(item);
    keep.add(key);
    let li = Array.from(list.children).find((x) => x.dataset.key === key);
    if (!li) {
      li = build(item);
      li.dataset.key = key;
    }
    if (list.children[index] !== li) list.insertBefore(li, list.children[index] || null);
  });
  Array.from(list.children).forEach((x) => { if (!keep.has(x.dataset.key)) x.remove(); });
}

async function loadFailedJobs(queues) {
  const jobs = [];
  for (const queue of queues) {
    const response = await call('GET', '/api/admin/queues/' + encodeURIComponent(queue) + '/jobs?state=failed&size=5');
    if (response.ok) jobs.push(...await response.json());
  }
  fillList('failed-jobs', jobs, (job) => job.id, (job) => {
    const li = document.createElement('li');
    const text = document.createElement('code');
    text.textContent = job.id + ' (' + job.name + '): ' + (job.failedReason || 'no reason');
    li.append(text, ' ', button('Retry', 'Retry job ' + job.id, () =>
      act('Retry job ' + job.id + '?', 'POST', '/api/admin/jobs/' + encodeURIComponent(job.id) + '/retry')));
    return li;
  });
}

async function loadDeadLetters() {
  const response = await call('GET', '/api/admin/streams/dlq?count=20');
  if (!response.ok) return;
  const page = await response.json();
  $('dlq-size').textContent = '(' + page.entries.length + (page.entries.length === 20 ? '+' : '') + ')';
  fillList('dlq', page.entries, (entry) => entry.id, (entry) => {
    const li = document.createElement('li');
    li.dataset.id = entry.id;
    const text = document.createElement('code');
    text.textContent = entry.id + ' · ' + entry.fields.group + ' · ' + entry.fields.error + ' · ' + entry.fields.deliveries + ' deliveries';
    const path = '/api/admin/streams/dlq/' + encodeURIComponent(entry.id);
    li.append(text, ' ',
      button('Replay', 'Replay dead letter ' + entry.id, () => act('Put dead letter ' + entry.id + ' back on the event stream?', 'POST', path + '/replay', loadDeadLetters)),
      ' ',
      button('Discard', 'Discard dead letter ' + entry.id, () => act('Delete dead letter ' + entry.id + ' for good?', 'DELETE', path, loadDeadLetters)));
    return li;
  });
}

$('load-dlq').addEventListener('click', loadDeadLetters);

$('load-patterns').addEventListener('click', async () => {
  $('load-patterns').disabled = true;
  const response = await call('GET', '/actuator/redis/memory');
  $('load-patterns').disabled = false;
  if (!response.ok) return say('Key patterns: ' + await problem(response));
  const report = await response.json();
  const rows = [];
  Object.entries(report).forEach(([redis, memory]) => (memory.patterns || []).slice(0, 10).forEach((p) => rows.push([redis, p])));
  fill('patterns', rows, ([redis, p]) => redis + ' ' + p.pattern,
    ([redis, p]) => [[redis], [p.pattern], [num(p.estimatedKeys)], [bytes(p.estimatedTotalBytes)]]);
  $('patterns').hidden = false;
});

// ---- actions ----------------------------------------------------------------------------------

function say(text) {
  $('action-result').textContent = text;
}

function confirmed(question) {
  const dialog = $('confirm');
  $('confirm-text').textContent = question;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    $('confirm-cancel').focus();
  });
}

async function act(question, method, path, then) {
  if (!(await confirmed(question))) return say('Cancelled.');
  const response = await call(method, path);
  if (response.ok) {
    let detail = '';
    if (response.status !== 204) {
      const body = await response.json();
      detail = body.replayedAs ? ' Replayed as ' + body.replayedAs + '.' : '';
    }
    say('Done: ' + method + ' ' + path + ' (' + response.status + ').' + detail);
    if (then) then();
    lastFailed = '';
  } else {
    say('Failed: ' + method + ' ' + path + ': ' + await problem(response));
  }
}

$('evict-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const cache = $('evict-cache').value;
  const key = $('evict-key').value.trim();
  if (!cache || !key) return say('Choose a cache and an entry key.');
  act('Evict entry "' + key + '" of cache "' + cache + '" on every instance?', 'DELETE',
    '/api/admin/caches/' + encodeURIComponent(cache) + '/entries/' + encodeURIComponent(key));
});

$('tag-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const tag = $('evict-tag').value.trim();
  act('Invalidate every entry tagged "' + tag + '"?', 'DELETE', '/api/admin/caches/tags/' + encodeURIComponent(tag));
});

$('sessions-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const user = $('session-user').value;
  act('Close every session of user ' + user + '? They will have to sign in again.', 'DELETE',
    '/api/admin/users/' + encodeURIComponent(user) + '/sessions');
});

if (sessionStorage.getItem(SIGNED_IN) && cookie('XSRF-TOKEN')) start(); else showSignIn('');
