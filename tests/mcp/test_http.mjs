// test_http.mjs — `mpbox serve` at /mcp driven by the official MCP
// TypeScript SDK (Client + StreamableHTTPClientTransport), as an agent
// framework would. Prints "PASS name" / "FAIL name: why" and exits
// non-zero when a case failed.
// Usage: MPBOX=build/mpbox node tests/mcp/test_http.mjs
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, check, results, serve as serveWith } from '../lib/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const mpbox = path.resolve(process.env.MPBOX || path.join(here, '..', '..', 'build', 'mpbox'));
// `mpbox serve` on a free port; resolves to { url (its /mcp), stop }.
async function serve(args = []) {
  const s = await serveWith(mpbox, args);
  return { url: s.base + '/mcp', stop: s.stop };
}

async function connect(url, headers = undefined) {
  const transport = new StreamableHTTPClientTransport(new URL(url), headers ? { requestInit: { headers } } : undefined);
  const client = new Client({ name: 'mpbox-http-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}

function text(result) {
  assert(Array.isArray(result.content) && result.content.length === 1, 'one content item');
  assert(result.content[0].type === 'text', 'text content');
  return result.content[0].text;
}

async function run(client, args) {
  return client.callTool({ name: 'run_python_code', arguments: args });
}

const server = await serve();
let a, b;

await check('initialize', async () => {
  a = await connect(server.url);
  const info = a.client.getServerVersion();
  assert(info && info.name === 'mpbox', 'serverInfo.name is mpbox');
  assert(a.client.getServerCapabilities().tools, 'tools capability');
  assert(typeof a.transport.sessionId === 'string' && a.transport.sessionId.length >= 16,
    'session id: ' + a.transport.sessionId);
  await a.client.ping();
});

await check('list_tools', async () => {
  const { tools } = await a.client.listTools();
  assert(tools.length === 1 && tools[0].name === 'run_python_code', 'one tool run_python_code');
  const s = tools[0].inputSchema;
  assert(s.properties.python_code.type === 'string' && s.properties.reset_context.type === 'boolean', 'schema');
  assert(JSON.stringify(s.required) === '["python_code"]', 'python_code required');
  assert(tools[0].description.includes('MicroPython 1.27'), 'description');
});

await check('state_across_calls', async () => {
  let r = await run(a.client, { python_code: "x = {'a': [1, 2]}\nprint('set')" });
  assert(!r.isError && text(r) === '<status>success</status>\n<output>\nset\n</output>', text(r));
  r = await run(a.client, { python_code: 'x["a"][1] * 21' });
  assert(text(r) === '<status>success</status>\n<return_value>\n42\n</return_value>', text(r));
});

await check('return_value', async () => {
  const r = await run(a.client, { python_code: "print('before')\n{'k': [1, None, 'é']}" });
  assert(text(r) === '<status>success</status>\n<output>\nbefore\n</output>\n<return_value>\n{"k":[1,null,"é"]}\n</return_value>',
    text(r));
});

await check('global_variables', async () => {
  const r = await run(a.client, { python_code: 'f"{name}: {n + 1}"', global_variables: { name: 'n', n: 41 } });
  assert(text(r).includes('<return_value>\n"n: 42"\n</return_value>'), text(r));
});

await check('error_with_traceback', async () => {
  const r = await run(a.client, { python_code: 'a = 1\nb = a / 0' });
  assert(r.isError === true, 'isError');
  const t = text(r);
  assert(t.startsWith('<status>run-error</status>\n<error>\nTraceback'), t);
  assert(t.includes('line 2, in <module>') && t.includes('ZeroDivisionError'), t);
  const s = await run(a.client, { python_code: "__import__('os').system('ls')" });
  assert(s.isError && /<\/error>\n<hint>\n[^\n]*no processes[^\n]*\n<\/hint>$/.test(text(s)), 'hint: ' + text(s));
});

await check('reset_context', async () => {
  const r = await run(a.client, { python_code: "'x' in globals()", reset_context: true });
  assert(text(r).includes('<return_value>\nfalse\n</return_value>'), text(r));
  const again = await run(a.client, { python_code: 'y = 3\ny' });
  assert(text(again).includes('<return_value>\n3\n</return_value>'), text(again));
});

await check('two_clients_two_sessions', async () => {
  b = await connect(server.url);
  assert(b.transport.sessionId && b.transport.sessionId !== a.transport.sessionId, 'different session ids');
  await run(b.client, { python_code: 'only_b = 1' });
  const ra = await run(a.client, { python_code: "'only_b' in globals(), y" });
  assert(text(ra).includes('<return_value>\n[false,3]\n</return_value>'), text(ra));
  const rb = await run(b.client, { python_code: "'y' in globals(), only_b" });
  assert(text(rb).includes('<return_value>\n[false,1]\n</return_value>'), text(rb));
});

await check('parallel_calls_in_two_sessions', async () => {
  const [ra, rb] = await Promise.all([
    run(a.client, { python_code: 'sum(range(200000))' }),
    run(b.client, { python_code: 'sum(range(100000))' }),
  ]);
  assert(text(ra).includes('<return_value>\n19999900000\n</return_value>'), text(ra));
  assert(text(rb).includes('<return_value>\n4999950000\n</return_value>'), text(rb));
});

await check('delete_session', async () => {
  const sid = b.transport.sessionId;
  await b.transport.terminateSession();
  assert(b.transport.sessionId === undefined, 'the transport forgot the id');
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream',
      'mcp-session-id': sid, 'mcp-protocol-version': '2025-06-18' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
  });
  assert(res.status === 404, 'a deleted session is 404, got ' + res.status);
  await b.client.close();
  // the other session is untouched
  const r = await run(a.client, { python_code: 'y' });
  assert(text(r).includes('<return_value>\n3\n</return_value>'), text(r));
});

if (a) await a.client.close();
await server.stop();

await check('bearer_token', async () => {
  const token = 'test-token-0123456789abcdef';
  const secured = await serve(['--token', token]);
  try {
    let refused = false;
    try {
      await connect(secured.url);
    } catch (e) {
      refused = e.code === 401;
    }
    assert(refused, 'a client without the token is refused with 401');
    const c = await connect(secured.url, { Authorization: `Bearer ${token}` });
    const r = await run(c.client, { python_code: 'n = 6\nn * 7' });
    assert(text(r).includes('<return_value>\n42\n</return_value>'), text(r));
    await c.transport.terminateSession();
    await c.client.close();
  } finally {
    await secured.stop();
  }
});

console.log(results.failed ? `${results.failed} failed` : 'all passed');
process.exit(results.failed ? 1 : 0);
