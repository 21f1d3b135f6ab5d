// test_stdio.mjs — `mpbox mcp` driven by the official MCP TypeScript SDK
// (Client + StdioClientTransport), as an agent framework would. Prints
// "PASS name" / "FAIL name: why" and exits non-zero when a case failed.
// Usage: MPBOX=build/mpbox node tests/mcp/test_stdio.mjs
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, check, results } from '../lib/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const mpbox = path.resolve(process.env.MPBOX || path.join(here, '..', '..', 'build', 'mpbox'));

async function connect(args = []) {
  const transport = new StdioClientTransport({ command: mpbox, args: ['mcp', ...args], stderr: 'pipe' });
  const client = new Client({ name: 'mpbox-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

function text(result) {
  assert(Array.isArray(result.content) && result.content.length === 1, 'one content item');
  assert(result.content[0].type === 'text', 'text content');
  return result.content[0].text;
}

async function run(client, args) {
  return client.callTool({ name: 'run_python_code', arguments: args });
}

const client = await connect(['--timeout', '1', '--memory', '64M']);

await check('initialize', async () => {
  const info = client.getServerVersion();
  assert(info && info.name === 'mpbox', 'serverInfo.name is mpbox');
  const caps = client.getServerCapabilities();
  assert(caps && caps.tools, 'tools capability');
  await client.ping();
});

await check('list_tools', async () => {
  const { tools } = await client.listTools();
  assert(tools.length === 1 && tools[0].name === 'run_python_code', 'one tool run_python_code');
  const s = tools[0].inputSchema;
  assert(s.type === 'object', 'schema type object');
  assert(s.properties.python_code.type === 'string', 'python_code string');
  assert(s.properties.global_variables.type === 'object', 'global_variables object');
  assert(s.properties.reset_context.type === 'boolean', 'reset_context boolean');
  assert(JSON.stringify(s.required) === '["python_code"]', 'python_code required');
  const d = tools[0].description;
  assert(d.includes('MicroPython 1.27') && d.includes('print') && d.includes('64 MiB'), 'description: ' + d);
});

await check('print', async () => {
  const r = await run(client, { python_code: "print('hello')" });
  assert(!r.isError, 'not an error');
  assert(text(r) === '<status>success</status>\n<output>\nhello\n</output>', text(r));
});

await check('return_value', async () => {
  const r = await run(client, { python_code: "x = {'a': [1, 2]}\nprint('before')\nx" });
  assert(text(r) === '<status>success</status>\n<output>\nbefore\n</output>\n<return_value>\n{"a":[1,2]}\n</return_value>', text(r));
});

await check('persistence', async () => {
  const r = await run(client, { python_code: 'x["a"][1] * 21' });
  assert(text(r).includes('<return_value>\n42\n</return_value>'), text(r));
});

await check('global_variables', async () => {
  const r = await run(client, { python_code: 'f"{name}: {n + 1}"', global_variables: { name: 'n', n: 41 } });
  assert(text(r).includes('<return_value>\n"n: 42"\n</return_value>'), text(r));
});

await check('error', async () => {
  const r = await run(client, { python_code: 'a = 1\nb = a / 0' });
  assert(r.isError === true, 'isError');
  const t = text(r);
  assert(t.startsWith('<status>run-error</status>\n<error>\nTraceback'), t);
  assert(t.includes('line 2, in <module>') && t.includes('ZeroDivisionError'), t);
  assert(!t.includes('__mpbox'), 'no wrapper frames: ' + t);
});

await check('timeout', async () => {
  const r = await run(client, { python_code: 'x = 5\nwhile True:\n    pass' });
  assert(r.isError === true, 'isError');
  assert(text(r).startsWith('<status>timeout</status>'), text(r));
  assert(text(r).includes('line 3, in <module>'), text(r));
  const again = await run(client, { python_code: 'x' });
  assert(text(again).includes('<return_value>\n5\n</return_value>'), 'session usable after timeout: ' + text(again));
});

await check('reset_context', async () => {
  const r = await run(client, { python_code: "'x' in globals()", reset_context: true });
  assert(text(r).includes('<return_value>\nfalse\n</return_value>'), text(r));
});

await check('invalid_arguments', async () => {
  let threw = false;
  try {
    const r = await run(client, { code: 'print(1)' });
    threw = r.isError === true; // an SDK may turn the error into a result
  } catch (e) {
    threw = /python_code/.test(String(e.message));
  }
  assert(threw, 'missing python_code is refused');
});

await client.close();

await check('json_mode', async () => {
  const c = await connect(['--return-mode=json']);
  try {
    const r = await run(c, { python_code: "print('a')\nprint('b')\n[1, None]" });
    const j = JSON.parse(text(r));
    assert(j.status === 'success' && JSON.stringify(j.output) === '["a","b"]', text(r));
    assert(JSON.stringify(j.return_value) === '[1,null]', text(r));
    const e = await run(c, { python_code: 'raise ValueError("bad")' });
    const je = JSON.parse(text(e));
    assert(je.status === 'run-error' && je.error.includes('ValueError: bad'), text(e));
  } finally {
    await c.close();
  }
});

console.log(results.failed ? `${results.failed} failed` : 'all passed');
process.exit(results.failed ? 1 : 0);
