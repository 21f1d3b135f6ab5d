// test_playground.mjs — the page of `mpbox serve --playground` in a real
// browser: Debian's Chromium (/usr/bin/chromium, package chromium), driven
// headless by playwright-core (pinned in package-lock.json; it never
// downloads a browser of its own). A person's path through the page: a
// wrong token, the right one, a program typed with the keyboard and run
// with Ctrl-Enter, stderr, an uploaded file read from Python, an exception
// with a hint, state kept between runs and gone after a reset, Stop, the
// run timeout, a reload, a narrow screen, the server gone. Screenshots go
// next to the mpbox binary (the build directory): playground.png,
// playground-error.png and playground-narrow.png. Prints "PASS name" / "FAIL name: why".
// Usage: MPBOX=build/mpbox node tests/browser/test_playground.mjs
import { chromium } from 'playwright-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, check, results, serve as serveWith } from '../lib/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const mpbox = path.resolve(process.env.MPBOX || path.join(here, '..', '..', 'build', 'mpbox'));
const shots = path.dirname(mpbox);
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const TOKEN = 'playground-test-token-0123456789';
const serve = (args) => serveWith(mpbox, args);

function eq(got, want, what) {
  assert(got === want, `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

// Chromium as root in a container has no user namespace for its sandbox:
// it must run with --no-sandbox (playwright's chromiumSandbox: false). The
// background-networking flags keep it from calling out (this machine has
// no network but the package registries).
async function launch() {
  return chromium.launch({
    executablePath: browserPath,
    headless: true,
    chromiumSandbox: false,
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-default-apps'],
  });
}

// A page that records what the browser complains about: script errors
// and Content-Security-Policy violations must never happen.
async function openPage(browser, base, viewport = { width: 1280, height: 860 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push('page error: ' + e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text()))
      page.problems.push('console: ' + m.text());
  });
  const resp = await page.goto(base + '/');
  page.firstResponse = resp;
  return page;
}

const value = (page, sel) => page.$eval(sel, (el) => el.value);
const text = (page, sel) => page.$eval(sel, (el) => el.textContent);
const visible = (page, sel) => page.isVisible(sel);

// Put code in the editor, run it with Ctrl-Enter, wait for the answer.
async function runCode(page, code) {
  await page.fill('#code', code);
  await page.focus('#code');
  await page.keyboard.press('Control+Enter');
  return waitRun(page);
}

async function waitRun(page) {
  await page.waitForFunction(() => !document.querySelector('#run-status').classList.contains('running'));
  return page.$eval('#run-status', (el) => el.dataset.status || '');
}

async function main() {
  const server = await serve(['--playground', '--token', TOKEN, '--timeout', '3']);
  const browser = await launch();
  let page;
  try {
    page = await openPage(browser, server.base);

    await check('page_served_with_strict_headers', async () => {
      const h = page.firstResponse.headers();
      eq(page.firstResponse.status(), 200, 'status of /');
      assert(h['content-type'].startsWith('text/html'), 'content type ' + h['content-type']);
      const csp = h['content-security-policy'] || '';
      for (const part of ["default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"])
        assert(csp.includes(part), `CSP lacks ${part}: ${csp}`);
      assert(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'), 'CSP allows inline code: ' + csp);
      eq(h['x-content-type-options'], 'nosniff', 'X-Content-Type-Options');
      eq(await page.title(), 'mpbox playground', 'title');
      // nothing inline for the policy to block: every script is a file
      eq(await page.$$eval('script:not([src])', (s) => s.length), 0, 'inline scripts');
    });

    await check('every_control_has_a_label', async () => {
      const unlabeled = await page.$$eval('input, textarea, button', (els) => els
        .filter((el) => (el.labels ? el.labels.length === 0 : true) && !el.getAttribute('aria-label') &&
          !(el.tagName === 'BUTTON' && el.textContent.trim()))
        .map((el) => el.id || el.outerHTML.slice(0, 60)));
      eq(unlabeled.join(','), '', 'controls without a label');
    });

    await check('wrong_token_is_refused_and_not_kept', async () => {
      await page.fill('#token', 'not-the-right-token-0123');
      await page.press('#token', 'Enter');
      await page.waitForSelector('#token-error', { state: 'visible' });
      assert((await text(page, '#token-error')).includes('did not accept'), await text(page, '#token-error'));
      assert(await page.$eval('#run-button', (b) => b.disabled), 'Run is enabled without a session');
      eq(await page.evaluate(() => sessionStorage.getItem('mpbox.playground.token')), null, 'stored token');
      eq(await page.evaluate(() => document.activeElement.id), 'token', 'focus after a refusal');
    });

    await check('right_token_connects_a_session', async () => {
      await page.fill('#token', TOKEN);
      await page.click('#connect-button');
      await page.waitForSelector('#run-button:not([disabled])');
      assert(/^Session [0-9a-f]{8}/.test(await text(page, '#session-line')), await text(page, '#session-line'));
      assert(!(await visible(page, '#token-error')), 'the error stays shown');
      assert(!page.url().includes(TOKEN), 'the token is in the URL');
      eq(await page.evaluate(() => sessionStorage.getItem('mpbox.playground.token')), TOKEN, 'token in sessionStorage');
      eq(await page.evaluate(() => localStorage.length), 0, 'localStorage entries');
    });

    await check('editor_indents_like_a_code_editor', async () => {
      await page.click('#code');
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.type('def double(x):');
      await page.keyboard.press('Enter');
      eq(await value(page, '#code'), 'def double(x):\n    ', 'after a colon and Enter');
      await page.keyboard.type('return x * 2');
      await page.keyboard.press('Enter');
      eq(await value(page, '#code'), 'def double(x):\n    return x * 2\n    ', 'Enter keeps the indentation');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('print("hello", double(21))');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      eq(await value(page, '#code'), 'def double(x):\n    return x * 2\nprint("hello", double(21))\n    ', 'Tab');
      // the edits are in the browser's undo history (undo, then redo)
      const typed = await value(page, '#code');
      await page.keyboard.press('Control+Z');
      assert((await value(page, '#code')) !== typed, 'Ctrl+Z undid nothing');
      await page.keyboard.press('Control+Shift+Z');
      eq(await value(page, '#code'), typed, 'after undo and redo');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.type('double(4)');
      eq(await value(page, '#code'), 'def double(x):\n    return x * 2\nprint("hello", double(21))\ndouble(4)',
        'the program typed');
      eq(await page.evaluate(() => document.activeElement.id), 'code', 'Tab stayed in the editor');
      eq((await text(page, '#gutter')).split('\n').length, 4, 'line numbers');
    });

    await check('ctrl_enter_runs_and_shows_stdout_value_stats', async () => {
      await page.keyboard.press('Control+Enter');
      eq(await waitRun(page), 'ok', 'status');
      eq(await text(page, '#stdout'), 'hello 42\n', 'stdout');
      eq(await text(page, '#value'), '8', 'value of the last expression');
      assert(!(await visible(page, '#stderr-box')), 'an empty stderr is shown');
      assert(!(await visible(page, '#error-box')), 'an exception is shown');
      const stats = await text(page, '#stats');
      assert(/Wall time[\d.]+ m?s/.test(stats) && /Peak memory[\d.]+ [KM]iB/.test(stats), 'stats: ' + stats);
      await page.screenshot({ path: path.join(shots, 'playground.png'), fullPage: true });
    });

    await check('output_shows_while_the_code_runs', async () => {
      await page.check('#live');
      await page.fill('#code', 'import time\nfor i in range(15):\n    print("step", i)\n    time.sleep(0.1)\n"done"');
      await page.focus('#code');
      await page.keyboard.press('Control+Enter');
      // the first line is on the page while the run still goes on
      await page.waitForFunction(() => document.querySelector('#stdout').textContent.startsWith('step 0\n'));
      assert(await page.$eval('#run-status', (el) => el.classList.contains('running')), 'the run had ended');
      eq(await waitRun(page), 'ok', 'status');
      eq(await text(page, '#stdout'), Array.from({ length: 15 }, (_, i) => `step ${i}\n`).join(''), 'stdout');
      eq(await text(page, '#value'), '"done"', 'value');
      await page.uncheck('#live');
    });

    await check('escape_then_tab_leaves_the_editor', async () => {
      await page.focus('#code');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      assert(await page.evaluate(() => document.activeElement.id !== 'code'), 'focus stayed in the editor');
    });

    await check('stderr_is_shown_apart_from_stdout', async () => {
      eq(await runCode(page, 'import sys\nsys.stderr.write("careful\\n")\nprint("out")'), 'ok', 'status');
      eq(await text(page, '#stdout'), 'out\n', 'stdout');
      eq(await text(page, '#stderr'), 'careful\n', 'stderr');
      assert(await visible(page, '#stderr-box'), 'stderr hidden');
    });

    await check('long_output_shows_head_and_tail', async () => {
      eq(await runCode(page, 'for i in range(100000):\n    print(i)'), 'ok', 'status');
      const out = await text(page, '#stdout');
      assert(out.startsWith('0\n1\n2\n') && out.endsWith('\n99998\n99999\n'), 'head or tail missing');
      assert(/\[mpbox: \d+ bytes left out\]/.test(out), 'no marker');
      assert(out.length < 70000, `${out.length} characters shown`);
      assert((await text(page, '#stdout-cut')).includes('not shown'), await text(page, '#stdout-cut'));
      eq(await runCode(page, 'print("short")'), 'ok', 'status');
      assert(!(await visible(page, '#stdout-cut')), 'the note stays after a short run');
    });

    await check('uploaded_file_is_read_from_python', async () => {
      await page.fill('#upload-dir', 'data');
      await page.setInputFiles('#upload-file', { name: 'x.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
      await page.click('#upload-button');
      await page.waitForSelector('#upload-message.error');
      assert((await text(page, '#upload-message')).includes('absolute'), await text(page, '#upload-message'));
      await page.fill('#upload-dir', '/data');
      await page.setInputFiles('#upload-file', {
        name: 'scores.csv', mimeType: 'text/csv', buffer: Buffer.from('name,score\nada,3\n'),
      });
      await page.click('#upload-button');
      await page.waitForSelector('#upload-message.good');
      assert((await text(page, '#upload-message')).includes('/data/scores.csv'), await text(page, '#upload-message'));
      await page.waitForFunction(() => document.querySelector('#files').textContent.includes('/data/scores.csv'));
      eq(await runCode(page, 'import csv\nrows = list(csv.reader(open("/data/scores.csv")))\nprint(rows)'), 'ok',
        'status');
      eq(await text(page, '#stdout'), "[['name', 'score'], ['ada', '3']]\n", 'stdout');
    });

    await check('file_written_by_python_downloads', async () => {
      eq(await runCode(page, 'with open("/report.txt", "w") as f:\n    f.write("made in the sandbox\\n")'), 'ok',
        'status');
      await page.waitForFunction(() => document.querySelector('#files').textContent.includes('/report.txt'));
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('button[aria-label="Download /report.txt"]'),
      ]);
      eq(download.suggestedFilename(), 'report.txt', 'file name');
      const chunks = [];
      for await (const c of await download.createReadStream()) chunks.push(c);
      eq(Buffer.concat(chunks).toString(), 'made in the sandbox\n', 'bytes');
    });

    await check('exception_with_traceback_and_hint', async () => {
      eq(await runCode(page, 'import pandas'), 'error', 'status');
      assert((await text(page, '#error-summary')).startsWith('ModuleNotFoundError'), await text(page, '#error-summary'));
      assert((await text(page, '#traceback')).includes('Traceback'), 'no traceback');
      assert(await visible(page, '#hint-box'), 'the hint is hidden');
      assert((await text(page, '#hint')).includes('pandas'), await text(page, '#hint'));
      assert((await text(page, '#run-status')).includes('exception'), await text(page, '#run-status'));
      await page.screenshot({ path: path.join(shots, 'playground-error.png'), fullPage: true });
    });

    await check('state_is_kept_between_runs_and_gone_after_reset', async () => {
      eq(await runCode(page, 'kept = 5'), 'ok', 'define');
      eq(await runCode(page, 'kept * 2'), 'ok', 'use');
      eq(await text(page, '#value'), '10', 'value');
      const before = await text(page, '#session-line');
      await page.click('#reset-button');
      await page.waitForFunction(() => document.querySelector('#run-status').textContent.startsWith('New session'));
      assert((await text(page, '#session-line')) !== before, 'the same session after a reset');
      await page.waitForFunction(() => !document.querySelector('#files').textContent.includes('scores.csv'));
      eq(await runCode(page, 'kept'), 'error', 'after reset');
      assert((await text(page, '#error-summary')).startsWith('NameError'), await text(page, '#error-summary'));
    });

    await check('stop_interrupts_a_run', async () => {
      await page.fill('#code', 'while True:\n    pass');
      await page.click('#run-button');
      await page.waitForSelector('#stop-button:not([disabled])');
      await page.waitForTimeout(300);
      await page.click('#stop-button');
      eq(await waitRun(page), 'interrupted', 'status');
      assert((await text(page, '#run-status')).includes('Stopped by you'), await text(page, '#run-status'));
    });

    await check('run_timeout_is_explained', async () => {
      eq(await runCode(page, 'while True:\n    pass'), 'timeout', 'status');
      const t = await text(page, '#run-status');
      assert(t.includes('longer than the session allows') && t.includes('(3 s)'), t);
      eq(await runCode(page, 'print("after")'), 'ok', 'the session still runs');
    });

    await check('reload_keeps_token_session_and_code', async () => {
      await runCode(page, 'survivor = "yes"');
      const line = await text(page, '#session-line');
      await page.reload();
      await page.waitForSelector('#run-button:not([disabled])');
      eq(await text(page, '#session-line'), line, 'session line');
      eq(await value(page, '#code'), 'survivor = "yes"', 'code');
      eq(await runCode(page, 'survivor'), 'ok', 'status');
      eq(await text(page, '#value'), '"yes"', 'value');
    });

    await check('narrow_screen_has_no_sideways_scroll', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await runCode(page, 'for i in range(3):\n    print("line", i)\n"narrow"');
      const { sw, cw } = await page.evaluate(() => ({
        sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth,
      }));
      assert(sw <= cw, `page is ${sw}px wide in a ${cw}px window`);
      const editor = await page.$eval('#code', (el) => el.getBoundingClientRect().width);
      assert(editor > 250, 'editor only ' + editor + 'px wide');
      await page.screenshot({ path: path.join(shots, 'playground-narrow.png'), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 860 });
    });

    await check('server_down_is_explained', async () => {
      await server.stop();
      await page.fill('#code', 'print(1)');
      await page.focus('#code');
      await page.keyboard.press('Control+Enter');
      await page.waitForSelector('#message', { state: 'visible' });
      assert((await text(page, '#message')).includes('Cannot reach the server'), await text(page, '#message'));
      assert(!(await page.$eval('#run-button', (b) => b.disabled)), 'Run stays disabled');
    });

    await check('no_script_errors_or_policy_violations', async () => {
      eq(page.problems.join(' | '), '', 'problems');
    });
  } finally {
    await server.stop();
  }

  // Without tokens (loopback only), the page connects with an empty token.
  const open = await serve(['--playground']);
  try {
    await check('server_without_tokens_needs_none', async () => {
      const p = await openPage(browser, open.base);
      await p.click('#connect-button');
      await p.waitForSelector('#run-button:not([disabled])');
      eq(await runCode(p, 'print(6 * 7)'), 'ok', 'status');
      eq(await text(p, '#stdout'), '42\n', 'stdout');
      eq(p.problems.join(' | '), '', 'problems');
      await p.context().close();
    });
    await check('page_refuses_other_methods', async () => {
      const r = await fetch(open.base + '/', { method: 'POST' });
      eq(r.status, 405, 'POST /');
      eq(r.headers.get('allow'), 'GET, HEAD', 'Allow');
      eq((await fetch(open.base + '/playground.js', { method: 'HEAD' })).status, 200, 'HEAD');
      eq((await fetch(open.base + '/nothing.js')).status, 404, 'an unknown file');
    });
  } finally {
    await open.stop();
  }

  // Without --playground, / stays what it was: no page.
  const plain = await serve([]);
  try {
    await check('no_page_without_the_flag', async () => {
      const r = await fetch(plain.base + '/');
      eq(r.status, 404, 'GET /');
      eq((await r.json()).error.code, 'not_found', 'error code');
      eq((await fetch(plain.base + '/playground.js')).status, 404, 'GET /playground.js');
    });
  } finally {
    await plain.stop();
  }
  await browser.close();
}

main().then(() => process.exit(results.failed ? 1 : 0), (e) => {
  console.log(`FAIL test_playground: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
