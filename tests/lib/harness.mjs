// harness.mjs — what the Node tests (tests/mcp, tests/browser) share: cases
// that print "PASS name" / "FAIL name: why", and `mpbox serve` started on a
// free loopback port. Plain Node, no package.
import { spawn } from 'node:child_process';

export const results = { failed: 0 };

// Run one case; a thrown error fails it (on one line) and the run goes on.
export async function check(name, fn) {
  try {
    await fn();
    console.log(`PASS ${name}`);
  } catch (e) {
    results.failed++;
    console.log(`FAIL ${name}: ${String(e && e.message ? e.message : e).replace(/\n/g, '\\n')}`);
  }
}

export function assert(cond, why) {
  if (!cond) throw new Error(why);
}

// `mpbox serve --listen 127.0.0.1:0 ARGS...`; resolves, once it says where
// it listens, to { base: 'http://127.0.0.1:PORT', stop } (stop: SIGTERM,
// resolves when it has exited).
export function serve(mpbox, args = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(mpbox, ['serve', '--listen', '127.0.0.1:0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = '';
    let done = false;
    const timer = setTimeout(() => finish(new Error('mpbox serve did not start: ' + seen)), 20000);
    function finish(err, port) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) {
        child.kill('SIGKILL');
        reject(err);
        return;
      }
      const stop = () => new Promise((res) => {
        if (child.exitCode !== null || child.signalCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGTERM');
      });
      resolve({ base: `http://127.0.0.1:${port}`, stop });
    }
    const onData = (chunk) => {
      seen += chunk.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
      if (m) finish(null, Number(m[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (e) => finish(e));
    child.on('exit', (code, sig) => finish(new Error(`mpbox serve exited (${code ?? sig}): ${seen}`)));
  });
}
