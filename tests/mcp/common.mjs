// common.mjs — what the SDK-driven tests of test_live.mjs need on top of
// tests/lib/harness.mjs: the binary, `mpbox serve` with its /mcp url, and
// the official client connected over stdio or streamable HTTP.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, check, results, serve as serveWith } from '../lib/harness.mjs';

export { assert, check };

const here = path.dirname(fileURLToPath(import.meta.url));
export const mpbox = path.resolve(process.env.MPBOX || path.join(here, '..', '..', 'build', 'mpbox'));

export function finish() {
  console.log(results.failed ? `${results.failed} failed` : 'all passed');
  process.exit(results.failed ? 1 : 0);
}

// `mpbox serve ARGS` on a free port: { base, url (its /mcp), stop }.
export async function serve(args = []) {
  const s = await serveWith(mpbox, args);
  return { base: s.base, url: s.base + '/mcp', stop: s.stop };
}

export async function connectStdio(args = []) {
  const transport = new StdioClientTransport({ command: mpbox, args: ['mcp', ...args], stderr: 'pipe' });
  const client = new Client({ name: 'mpbox-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}

export async function connectHttp(url) {
  const transport = new StreamableHTTPClientTransport(new URL(url));
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
