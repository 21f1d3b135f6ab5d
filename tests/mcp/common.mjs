// common.mjs — what the SDK-driven tests share: the PASS/FAIL harness,
// starting `mpbox serve` on a free port, and connecting the official
// client over stdio or streamable HTTP.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const mpbox = path.resolve(process.env.MPBOX || path.join(here, '..', '..', 'build', 'mpbox'));

let failed = 0;

export async function check(name, fn) {
  try {
    await fn();
    console.log(`PASS ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${String(e && e.message ? e.message : e).replace(/\n/g, '\\n')}`);
  }
}

export function assert(cond, why) {
  if (!cond) throw new Error(why);
}

export function finish() {
  console.log(failed ? `${failed} failed` : 'all passed');
  process.exit(failed ? 1 : 0);
}

// Start `mpbox serve` on a free port; resolves to { url, base, stop }.
export function serve(args = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(mpbox, ['serve', '--listen', '127.0.0.1:0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = '';
    let done = false;
    const timer = setTimeout(() => end(new Error('mpbox serve did not start: ' + seen)), 20000);
    function end(err, port) {
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
      resolve({ url: `http://127.0.0.1:${port}/mcp`, base: `http://127.0.0.1:${port}`, stop });
    }
    const onData = (chunk) => {
      seen += chunk.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
      if (m) end(null, Number(m[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (e) => end(e));
    child.on('exit', (code, sig) => end(new Error(`mpbox serve exited (${code ?? sig}): ${seen}`)));
  });
}

// A connected client: over stdio (`mpbox mcp ARGS`) or to an HTTP url.
export async function connectStdio(args = []) {
  const transport = new StdioClientTransport({ command: mpbox, args: ['mcp', ...args], stderr: 'pipe' });
  const client = new Client({ name: 'mpbox-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}

export async function connectHttp(url, headers = undefined) {
  const transport = new StreamableHTTPClientTransport(new URL(url), headers ? { requestInit: { headers } } : undefined);
  const client = new Client({ name: 'mpbox-http-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}

export function text(result) {
  assert(Array.isArray(result.content) && result.content.length >= 1, 'content items');
  assert(result.content[0].type === 'text', 'text content');
  return result.content[0].text;
}

export async function run(client, args, options = undefined) {
  return client.callTool({ name: 'run_python_code', arguments: args }, undefined, options);
}
