// playground.js — the page of `mpbox serve --playground` (docs/playground.md).
//
// A person enters a token once, writes Python, runs it in a session of the
// JSON API (docs/serve.md) on this same origin, and reads what it printed.
// Everything the server or the guest sends is shown with textContent, never
// parsed as HTML. The token lives in sessionStorage (this tab only, gone
// when the tab closes) and travels in the Authorization header only.
'use strict';

const STORE_TOKEN = 'mpbox.playground.token';
const STORE_SESSION = 'mpbox.playground.session';
const STORE_CODE = 'mpbox.playground.code';
const INDENT = '    ';
// Output kept per stream: its head and tail, with the server's marker
// "[mpbox: N bytes left out]" between them (clip_output, docs/serve.md), so
// that a run printing megabytes leaves the page responsive.
const CLIP_OUTPUT = 65536;
const SAMPLE = [
  '# Runs in an mpbox session: variables, imports and files stay between runs.',
  'import sys',
  'print("Hello from", sys.implementation.name)',
  'squares = [n * n for n in range(10)]',
  'sum(squares)',
  '',
].join('\n');

// sessionStorage, or nothing where the browser refuses it (storage
// blocked): the page then works, and forgets on a reload.
const store = {
  get(key) { try { return sessionStorage.getItem(key); } catch (e) { return null; } },
  set(key, v) { try { sessionStorage.setItem(key, v); } catch (e) { /* not kept */ } },
  remove(key) { try { sessionStorage.removeItem(key); } catch (e) { /* nothing kept */ } },
};

const $ = (id) => document.getElementById(id);
const ui = {
  sessionLine: $('session-line'),
  tokenForm: $('token-form'), token: $('token'), tokenError: $('token-error'),
  connect: $('connect-button'), forget: $('forget-button'),
  code: $('code'), gutter: $('gutter'), live: $('live'),
  run: $('run-button'), stop: $('stop-button'), reset: $('reset-button'),
  uploadForm: $('upload-form'), uploadFile: $('upload-file'), uploadDir: $('upload-dir'),
  upload: $('upload-button'), uploadMessage: $('upload-message'),
  runStatus: $('run-status'), message: $('message'), result: $('result'),
  files: $('files'), filesEmpty: $('files-empty'),
};

const state = {
  token: store.get(STORE_TOKEN),   // null: not connected yet
  session: store.get(STORE_SESSION),
  limits: null,
  running: false,
  busy: false, // connecting, resetting or uploading
};

// ---- the API --------------------------------------------------------------

class ApiError extends Error {
  constructor(kind, status, code, message) {
    super(message);
    this.kind = kind; // 'down', 'token', 'http'
    this.status = status;
    this.code = code;
  }
}

const unreachable = () => new ApiError('down', 0, 'unreachable',
  'Cannot reach the server at ' + location.origin + ': is `mpbox serve` still running?');

// A request to the API; its JSON answer (null for 204), or with raw its
// bytes (a Blob), or with stream the Response itself, to be read as it
// comes. Refusals become ApiErrors.
async function api(method, path, { json, body, type, raw, stream } = {}) {
  const headers = {};
  if (state.token) headers.Authorization = 'Bearer ' + state.token;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (type) {
    headers['Content-Type'] = type;
  }
  let resp;
  try {
    resp = await fetch(path, { method, headers, body, cache: 'no-store', credentials: 'omit', redirect: 'error' });
  } catch (e) {
    throw unreachable();
  }
  if (resp.status === 401)
    throw new ApiError('token', 401, 'unauthorized', 'The server did not accept this token.');
  if (resp.status === 204) return null;
  if (raw && resp.ok) return resp.blob();
  if (stream && resp.ok) return resp;
  const text = await resp.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
  if (!resp.ok) {
    const err = data && data.error ? data.error : {};
    throw new ApiError('http', resp.status, err.code || 'http_' + resp.status,
      err.message || 'The server answered ' + resp.status + '.');
  }
  return data;
}

// A streamed run (docs/serve.md, "Output as it happens"): one JSON object a
// line, {"stdout": TEXT} or {"stderr": TEXT} as the code writes, then
// {"result": RESULT} or {"error": {...}}. Pieces are shown as they come;
// resolves to the result.
async function readRun(resp) {
  const reader = resp.body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  let result = null;
  const take = (line) => {
    if (!line.trim()) return;
    let msg;
    try { msg = JSON.parse(line); } catch (e) { throw new ApiError('http', 502, 'bad_stream', 'A line of the run\'s answer is not JSON.'); }
    if (msg.result) result = msg.result;
    else if (msg.error) throw new ApiError('http', 500, msg.error.code, msg.error.message);
    else if (typeof msg.stdout === 'string') showPiece('stdout', msg.stdout);
    else if (typeof msg.stderr === 'string') showPiece('stderr', msg.stderr);
  };
  for (;;) {
    let chunk;
    try { chunk = await reader.read(); } catch (e) { throw unreachable(); }
    if (chunk.done) break;
    pending += decoder.decode(chunk.value, { stream: true });
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
      take(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
  }
  take(pending + decoder.decode());
  if (!result) throw unreachable();
  return result;
}

const sessionPath = (tail = '') => '/v1/sessions/' + encodeURIComponent(state.session) + tail;

// ---- connecting -------------------------------------------------------------

function setSession(info) {
  state.session = info ? info.id : null;
  state.limits = info ? info.limits : null;
  if (state.session) store.set(STORE_SESSION, state.session);
  else store.remove(STORE_SESSION);
  if (info) {
    const l = info.limits || {};
    const parts = ['Session ' + info.id.slice(0, 8)];
    if (l.timeout_ms) parts.push(formatMs(l.timeout_ms) + ' per run');
    if (l.memory) parts.push(formatBytes(l.memory) + ' memory');
    ui.sessionLine.textContent = parts.join(' · ');
  } else {
    ui.sessionLine.textContent = 'Not connected';
  }
  updateControls();
}

async function newSession() {
  setSession(await api('POST', '/v1/sessions'));
}

// The session kept from before a reload, or a new one.
async function openSession() {
  if (state.session) {
    try {
      const info = await api('GET', sessionPath());
      if (info.state !== 'lost') {
        setSession(info);
        return;
      }
    } catch (e) {
      if (e.kind !== 'http' || e.status !== 404) throw e;
    }
  }
  await newSession();
}

async function connect(token) {
  state.token = token;
  state.busy = true;
  updateControls();
  showTokenError(null);
  try {
    await openSession();
    store.set(STORE_TOKEN, token);
    ui.forget.hidden = false;
    showMessage(null);
    refreshFiles();
  } catch (e) {
    setSession(null);
    if (e.kind === 'token') {
      state.token = null;
      store.remove(STORE_TOKEN);
      showTokenError(token ? 'The server did not accept this token: check it and try again.'
        : 'This server needs a token.');
      ui.token.focus();
    } else {
      showTokenError(e.message);
    }
  } finally {
    state.busy = false;
    updateControls();
  }
}

async function forget() {
  if (state.session) {
    try { await api('DELETE', sessionPath()); } catch (e) { /* gone already, or the server is down */ }
  }
  state.token = null;
  store.remove(STORE_TOKEN);
  setSession(null);
  ui.token.value = '';
  ui.forget.hidden = true;
  ui.files.replaceChildren();
  ui.filesEmpty.hidden = false;
  ui.token.focus();
}

// ---- running ----------------------------------------------------------------

// Do fn while the controls that must wait are disabled (flag: 'running' or
// 'busy'); then enable them again and show the session's files as they are.
async function task(flag, fn) {
  state[flag] = true;
  updateControls();
  try {
    await fn();
  } catch (e) {
    explain(e);
  } finally {
    state[flag] = false;
    updateControls();
    refreshFiles();
  }
}

async function run() {
  if (!state.session || state.running || state.busy) return;
  showMessage(null);
  ui.runStatus.className = 'run-status running';
  delete ui.runStatus.dataset.status;
  ui.runStatus.textContent = 'Running…';
  const stream = ui.live.checked;
  startLive();
  await task('running', async () => {
    let result;
    try {
      const json = { code: ui.code.value, return_value: true, clip_output: CLIP_OUTPUT };
      if (stream) json.stream = true;
      const answer = await api('POST', sessionPath('/run'), { json, stream });
      result = stream ? await readRun(answer) : answer;
    } catch (e) {
      ui.runStatus.className = 'run-status bad';
      ui.runStatus.textContent = 'Not run';
      throw e;
    }
    showResult(result);
    // On a narrow screen the result is below the editor: bring it up.
    if (window.matchMedia('(max-width: 900px)').matches)
      $('result-title').scrollIntoView({ block: 'start' });
  });
}

async function stop() {
  if (!state.running) return;
  try { await api('POST', sessionPath('/interrupt')); } catch (e) { explain(e); }
}

async function reset() {
  if (state.busy || state.running) return;
  await task('busy', async () => {
    if (state.session) {
      try { await api('DELETE', sessionPath()); } catch (e) { if (e.kind !== 'http') throw e; }
    }
    await newSession();
    clearResult();
    showMessage(null);
    ui.uploadMessage.hidden = true;
    ui.runStatus.className = 'run-status';
    ui.runStatus.textContent = 'New session: nothing defined yet.';
  });
}

// ---- files ------------------------------------------------------------------

async function upload(event) {
  event.preventDefault();
  const file = ui.uploadFile.files[0];
  if (!file || !state.session) return;
  const dir = ui.uploadDir.value.trim() || '/';
  if (!dir.startsWith('/')) {
    showUpload('The folder must be an absolute path, like /data.', true);
    ui.uploadDir.focus();
    return;
  }
  const target = dir.replace(/\/+$/, '') + '/' + file.name;
  const encoded = target.split('/').map(encodeURIComponent).join('/');
  await task('busy', async () => {
    try {
      const info = await api('PUT', sessionPath('/files' + encoded), { body: file, type: 'application/octet-stream' });
      showUpload('Uploaded ' + info.path + ' (' + formatBytes(info.size) + '): open(' +
        JSON.stringify(info.path) + ') reads it.', false);
    } catch (e) {
      if (e.kind !== 'http' || e.code === 'session_not_found' || e.code === 'session_lost') throw e;
      showUpload('Upload refused: ' + e.message, true);
    }
  });
}

// A file of the session, saved by the browser (fetched with the token, so
// not a plain link).
async function download(filePath) {
  let blob;
  try {
    blob = await api('GET', sessionPath('/files' + filePath.split('/').map(encodeURIComponent).join('/')),
      { raw: true });
  } catch (e) {
    explain(e);
    return;
  }
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filePath.split('/').pop() || 'file';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

async function refreshFiles() {
  if (!state.session) return;
  let list;
  try {
    list = await api('GET', sessionPath('/files'));
  } catch (e) {
    return; // the run or upload that called us reported the problem
  }
  const items = (list && list.files) || [];
  ui.files.replaceChildren(...items.map((f) => {
    const li = document.createElement('li');
    const name = document.createElement('code');
    name.textContent = f.path;
    const get = document.createElement('button');
    get.type = 'button';
    get.className = 'link';
    get.textContent = 'Download';
    get.setAttribute('aria-label', 'Download ' + f.path);
    get.addEventListener('click', () => download(f.path));
    li.append(name, ' ', formatBytes(f.size), ' ', get);
    return li;
  }));
  ui.filesEmpty.hidden = items.length > 0;
}

// ---- showing results ----------------------------------------------------------

const STATUS_TEXT = {
  ok: 'Finished',
  error: 'Raised an exception',
  timeout: 'Stopped: the run took longer than the session allows',
  out_of_memory: 'Stopped: the run used more memory than the session allows',
  output_truncated: 'Stopped: the run printed more than the session allows',
  trap: 'Stopped: the interpreter trapped',
  interrupted: 'Stopped by you',
  out_of_fuel: 'Stopped: the run used up its fuel',
};

function showResult(r) {
  const status = r.status || 'unknown';
  let text = STATUS_TEXT[status] || status;
  if (status === 'timeout' && state.limits && state.limits.timeout_ms)
    text += ' (' + formatMs(state.limits.timeout_ms) + ')';
  if (r.trap) text += ': ' + r.trap;
  if (r.exit_code !== null && r.exit_code !== undefined) text += ' (exit code ' + r.exit_code + ')';
  if (r.session === 'rolled_back') text += '; the session was rolled back to before this run';
  if (r.session === 'lost') text += '; the session is lost: reset it';
  ui.runStatus.className = 'run-status ' + (status === 'ok' ? 'good' : 'bad');
  ui.runStatus.dataset.status = status;
  ui.runStatus.textContent = text + '.';

  ui.result.hidden = false;
  fill('stdout', r.stdout, r.stdout_truncated, r.stdout_omitted_bytes);
  fill('stderr', r.stderr, r.stderr_truncated, r.stderr_omitted_bytes);
  const err = r.error;
  $('error-box').hidden = !err;
  $('error-summary').textContent = err ? err.type + (err.message ? ': ' + err.message : '') : '';
  $('traceback').textContent = err && err.traceback ? err.traceback : '';
  $('traceback').hidden = !(err && err.traceback);
  $('hint-box').hidden = !r.hint;
  $('hint').textContent = r.hint || '';
  const hasValue = r.return_value !== null && r.return_value !== undefined;
  $('value-box').hidden = !hasValue;
  $('value').textContent = hasValue ? JSON.stringify(r.return_value, null, 2) : '';

  const s = r.stats || {};
  const rows = [
    ['Wall time', formatMs(s.wall_ms)],
    ['CPU time', formatMs(s.cpu_ms)],
    ['Peak memory', formatBytes(s.peak_memory_bytes)],
    ['Output', formatBytes(s.stdout_bytes) + ' stdout, ' + formatBytes(s.stderr_bytes) + ' stderr'],
  ];
  if (s.fuel_used) rows.push(['Fuel', s.fuel_used.toLocaleString('en')]);
  if (s.host_calls) rows.push(['Host calls', String(s.host_calls)]);
  $('stats').replaceChildren(...rows.flatMap(([k, v]) => {
    const dt = document.createElement('dt');
    const dd = document.createElement('dd');
    dt.textContent = k;
    dd.textContent = v;
    return [dt, dd];
  }));
}

// A stream: cut by the session's max_output (the run's output was lost past
// it) and/or clipped for the page (its middle left out here only).
function fill(name, text, cut, omitted) {
  $(name + '-box').hidden = !text && !cut;
  $(name).textContent = text || '';
  const notes = [];
  if (omitted) notes.push(formatBytes(omitted) + ' in the middle are not shown: the page keeps the first and ' +
    'last ' + formatBytes(CLIP_OUTPUT / 2) + '.');
  if (cut) notes.push('The run printed more than the session keeps (its output limit): the rest was dropped.');
  $(name + '-cut').textContent = notes.join(' ');
  $(name + '-cut').hidden = notes.length === 0;
}

// While a run goes on: its output so far, at most CLIP_OUTPUT characters a
// stream (the result, at the end, has the head and the tail).
const live = { stdout: 0, stderr: 0 };
function startLive() {
  clearResult();
  live.stdout = live.stderr = 0;
  for (const id of ['stdout-box', 'stderr-box', 'error-box', 'hint-box', 'value-box', 'stdout-cut', 'stderr-cut'])
    $(id).hidden = true;
  $('stats').replaceChildren();
  ui.result.hidden = false;
}

function showPiece(name, text) {
  const room = CLIP_OUTPUT - live[name];
  if (room <= 0) return;
  $(name + '-box').hidden = false;
  $(name).append(text.slice(0, room));
  live[name] += Math.min(text.length, room);
}

function clearResult() {
  ui.result.hidden = true;
  for (const id of ['stdout', 'stderr', 'traceback', 'value', 'hint', 'error-summary']) $(id).textContent = '';
}

// A failed request, said plainly: what happened and what to do.
function explain(e) {
  if (e.kind === 'token') {
    state.token = null;
    store.remove(STORE_TOKEN);
    setSession(null);
    showTokenError('The server no longer accepts this token: enter a valid one.');
    ui.token.focus();
    return;
  }
  let text = e.message;
  if (e.code === 'session_not_found')
    text = 'This session no longer exists on the server (deleted, expired, or the server restarted). ' +
      'Press "Reset session" to start a new one.';
  else if (e.code === 'session_lost' || e.code === 'worker_died')
    text = 'The session\'s worker died: ' + e.message + ' Press "Reset session" to start a new one.';
  else if (e.kind === 'http')
    text = 'The server refused the request (' + e.status + ' ' + e.code + '): ' + e.message;
  showMessage(text);
}

function showMessage(text) {
  ui.message.hidden = !text;
  ui.message.textContent = text || '';
}

function showTokenError(text) {
  ui.tokenError.hidden = !text;
  ui.tokenError.textContent = text || '';
}

function showUpload(text, bad) {
  ui.uploadMessage.hidden = false;
  ui.uploadMessage.className = 'message ' + (bad ? 'error' : 'good');
  ui.uploadMessage.textContent = text;
}

function updateControls() {
  const ready = !!state.session && !state.busy;
  ui.run.disabled = !ready || state.running;
  ui.stop.disabled = !state.running;
  ui.reset.disabled = !ready || state.running;
  ui.uploadFile.disabled = !ready;
  ui.upload.disabled = !ready || state.running;
  ui.connect.disabled = state.busy;
  document.body.classList.toggle('connected', !!state.session);
}

function formatMs(ms) {
  if (typeof ms !== 'number') return '–';
  if (ms >= 1000) return (ms / 1000).toFixed(ms >= 10000 ? 0 : 1).replace(/\.0$/, '') + ' s';
  return (ms < 10 ? ms.toFixed(2) : ms.toFixed(0)) + ' ms';
}

function formatBytes(n) {
  if (typeof n !== 'number') return '–';
  const units = [[1073741824, 'GiB'], [1048576, 'MiB'], [1024, 'KiB']];
  for (const [size, unit] of units)
    if (n >= size) return (n / size).toFixed(1).replace(/\.0$/, '') + ' ' + unit;
  return n + ' B';
}

// ---- the editor ---------------------------------------------------------------

let tabLeaves = false; // after Esc, Tab moves the focus instead of indenting

function insert(text) {
  // execCommand keeps the browser's undo history; setRangeText where it is gone.
  if (!document.execCommand || !document.execCommand('insertText', false, text)) {
    const { selectionStart: a, selectionEnd: b } = ui.code;
    ui.code.setRangeText(text, a, b, 'end');
    ui.code.dispatchEvent(new Event('input'));
  }
}

function remove() {
  if (!document.execCommand || !document.execCommand('delete')) {
    ui.code.setRangeText('', ui.code.selectionStart, ui.code.selectionEnd, 'end');
    ui.code.dispatchEvent(new Event('input'));
  }
}

function lineStart(text, pos) {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

// Indent (or dedent) every line the selection touches.
function shiftLines(dedent) {
  const el = ui.code;
  const text = el.value;
  const a = lineStart(text, el.selectionStart);
  let b = el.selectionEnd;
  if (b > a && text[b - 1] === '\n') b--;
  const lines = text.slice(a, b).split('\n');
  const changed = lines.map((l) => {
    if (!dedent) return INDENT + l;
    const n = Math.min(INDENT.length, l.length - l.trimStart().length);
    return l.slice(n);
  }).join('\n');
  el.setSelectionRange(a, b);
  insert(changed);
  el.setSelectionRange(a, a + changed.length);
}

function onKey(e) {
  const el = ui.code;
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    run();
    return;
  }
  if (e.key === 'Escape') {
    tabLeaves = true;
    return;
  }
  if (e.key === 'Tab') {
    if (tabLeaves || e.altKey || e.ctrlKey || e.metaKey) return; // the browser moves the focus
    e.preventDefault();
    const multi = el.value.slice(el.selectionStart, el.selectionEnd).includes('\n');
    if (e.shiftKey || multi) shiftLines(e.shiftKey);
    else insert(INDENT.slice((el.selectionStart - lineStart(el.value, el.selectionStart)) % INDENT.length));
    return;
  }
  tabLeaves = false;
  if (e.key === 'Enter' && !e.shiftKey && !e.altKey && el.selectionStart === el.selectionEnd) {
    e.preventDefault();
    const text = el.value;
    const pos = el.selectionStart;
    const line = text.slice(lineStart(text, pos), pos);
    let indent = line.match(/^[ \t]*/)[0];
    if (/:\s*(#.*)?$/.test(line)) indent += INDENT;
    insert('\n' + indent);
    return;
  }
  if (e.key === 'Backspace' && el.selectionStart === el.selectionEnd) {
    const pos = el.selectionStart;
    const before = el.value.slice(lineStart(el.value, pos), pos);
    if (before.length > 0 && /^ +$/.test(before)) {
      e.preventDefault();
      const n = before.length % INDENT.length || INDENT.length;
      el.setSelectionRange(pos - n, pos);
      remove();
    }
  }
}

let gutterLines = 0;
function updateGutter() {
  const lines = ui.code.value.split('\n').length;
  if (lines === gutterLines) return;
  gutterLines = lines;
  const rows = [];
  for (let i = 1; i <= lines; i++) rows.push(i);
  ui.gutter.textContent = rows.join('\n');
  ui.gutter.scrollTop = ui.code.scrollTop;
}

// ---- start ----------------------------------------------------------------------

ui.code.value = store.get(STORE_CODE) ?? SAMPLE;
updateGutter();
ui.code.addEventListener('keydown', onKey);
ui.code.addEventListener('input', () => {
  updateGutter();
  store.set(STORE_CODE, ui.code.value);
});
ui.code.addEventListener('scroll', () => { ui.gutter.scrollTop = ui.code.scrollTop; });
ui.code.addEventListener('blur', () => { tabLeaves = false; });
ui.tokenForm.addEventListener('submit', (e) => {
  e.preventDefault();
  connect(ui.token.value.trim());
});
ui.forget.addEventListener('click', forget);
ui.run.addEventListener('click', run);
ui.stop.addEventListener('click', stop);
ui.reset.addEventListener('click', reset);
ui.uploadForm.addEventListener('submit', upload);
updateControls();
if (state.token !== null) {
  ui.token.value = state.token;
  connect(state.token);
}
