// test_live.mjs — what a model and its client get from a run beyond the
// plain result, over both transports (`mpbox mcp` on stdio, `mpbox serve`
// at /mcp), driven by the official MCP TypeScript SDK: long output kept
// as its head and tail with a marker (the default and per call), progress
// notifications with the output so far for a run longer than a second,
// cancellation that stops a run and leaves the session usable, the files
// a run wrote listed and read as resources.
// Prints "PASS transport:name" / "FAIL ..." and exits non-zero when a case
// failed. Usage: MPBOX=build/mpbox node tests/mcp/test_live.mjs
import { assert, check, connectHttp, connectStdio, finish, run, serve, text } from './common.mjs';

// The cases, run once per transport. c: { client, transport }.
async function cases(kind, c) {
  await check(`${kind}:output_clipped_by_default`, async () => {
    const r = await run(c.client, { python_code: "for i in range(30000):\n    print(f'line {i:05d}')" });
    const t = text(r);
    // 30000 lines of 11 bytes: 330000 bytes, the last newline stripped
    assert(!r.isError, t.slice(0, 200));
    assert(t.length < 21000, 'kept about 20000 bytes, got ' + t.length);
    assert(t.startsWith('<status>success</status>\n<output>\nline 00000\nline 00001\n'), t.slice(0, 100));
    assert(t.endsWith('line 29998\nline 29999\n</output>'), t.slice(-100));
    const m = /\n\[mpbox: (\d+) bytes left out\]\n/.exec(t);
    assert(m, 'marker');
    const head = t.slice('<status>success</status>\n<output>\n'.length, m.index + 1);
    const tail = t.slice(m.index + m[0].length, t.length - '\n</output>'.length);
    assert(head.length + tail.length + Number(m[1]) === 330000 - 1, `head ${head.length} + tail ${tail.length} + ${m[1]}`);
    assert(/^(line \d{5}\n)+$/.test(head) && /^(line \d{5}\n)*line \d{5}$/.test(tail), 'whole lines kept');
  });

  await check(`${kind}:clip_output_per_call`, async () => {
    let r = await run(c.client, { python_code: "print('é' * 5000)", clip_output: 0 });
    assert(text(r) === '<status>success</status>\n<output>\n' + 'é'.repeat(5000) + '\n</output>', 'clip_output 0 keeps all');
    r = await run(c.client, { python_code: "print('é' * 5000)", clip_output: 101 });
    const t = text(r);
    const m = /^<status>success<\/status>\n<output>\n(é*)\n\[mpbox: (\d+) bytes left out\]\n(é*)\n<\/output>$/.exec(t);
    assert(m, t);
    // cut between characters: 50 bytes of head are 25 characters
    assert(m[1].length === 25 && m[3].length === 25 && Number(m[2]) === 10000 - 100, t);
    let refused = false;
    try {
      const e = await run(c.client, { python_code: '1', clip_output: -1 });
      refused = e.isError === true;
    } catch (e) {
      refused = /clip_output/.test(String(e.message));
    }
    assert(refused, 'a negative clip_output is refused');
  });
}

// A run of about 2.5 s that prints as it goes; `done` counts its steps.
const SLOW = "import time\nstarted = 1\nfor i in range(25):\n    print(f'step {i}')\n    time.sleep(0.1)\n    done = i\n";

async function liveCases(kind, c) {
  await check(`${kind}:progress_notifications`, async () => {
    const seen = [];
    const r = await run(c.client, { python_code: SLOW }, { onprogress: (p) => seen.push(p) });
    assert(!r.isError && text(r).includes('step 24'), text(r));
    assert(seen.length >= 1, 'at least one notification in 2.5 s, got ' + seen.length);
    for (let i = 1; i < seen.length; i++)
      assert(seen[i].progress > seen[i - 1].progress, 'progress increases: ' + JSON.stringify(seen));
    // the messages carry the output as it came, in order, each line once
    const lines = seen.map((p) => p.message).join('').split('\n').filter((l) => l.startsWith('step'));
    assert(lines.length >= 5, 'output so far in the messages: ' + JSON.stringify(seen));
    lines.forEach((l, i) => assert(l === `step ${i}`, 'in order: ' + JSON.stringify(lines)));
    assert(seen.every((p) => p.message.length <= 2100), 'bounded messages');
    // a short run sends none
    const quiet = [];
    await run(c.client, { python_code: 'print(1)' }, { onprogress: (p) => quiet.push(p) });
    assert(quiet.length === 0, 'no notification for a short run: ' + JSON.stringify(quiet));
  });

  await check(`${kind}:cancel_stops_the_run`, async () => {
    await run(c.client, { python_code: 'done = -1' });
    const ac = new AbortController();
    const t0 = Date.now();
    let rejected = false;
    try {
      // cancelled once the run has shown it is going (its first notification)
      await run(c.client, { python_code: SLOW.replace('range(25)', 'range(100)') },
        { signal: ac.signal, onprogress: () => ac.abort('enough') });
    } catch (e) {
      rejected = true;
    }
    assert(rejected, 'the aborted call rejects');
    // the session is usable at once: the run stopped (it would go on for 10 s)
    const r = await run(c.client, { python_code: 'started, done' });
    const m = /<return_value>\n\[1,(-?\d+)\]\n<\/return_value>/.exec(text(r));
    assert(m, text(r));
    assert(Number(m[1]) >= 0 && Number(m[1]) < 99, 'stopped part way: done = ' + m[1]);
    assert(Date.now() - t0 < 8000, 'the next call did not wait for the whole run');
    // what ran before the cancellation is kept
    const again = await run(c.client, { python_code: 'print(started + 1)' });
    assert(text(again) === '<status>success</status>\n<output>\n2\n</output>', text(again));
  });
}

async function fileCases(kind, c) {
  await check(`${kind}:files_as_resources`, async () => {
    const code = "import os\nos.mkdir('/out')\n" +
      "with open('/out/report.csv', 'w') as f:\n    f.write('region,total\\nnorth,10\\n')\n" +
      "with open('/my data.txt', 'w') as f:\n    f.write('café')\n" +
      "with open('/img.bin', 'wb') as f:\n    f.write(bytes(range(256)))\n";
    const r = await run(c.client, { python_code: code });
    assert(!r.isError, text(r));
    const { resources } = await c.client.listResources();
    const by = Object.fromEntries(resources.map((x) => [x.uri, x]));
    const csv = by['mpbox://files/out/report.csv'];
    assert(csv && csv.mimeType === 'text/csv' && csv.size === 22 && csv.name === 'report.csv', JSON.stringify(resources));
    assert(by['mpbox://files/my%20data.txt'] && by['mpbox://files/img.bin'], JSON.stringify(resources));
    let got = await c.client.readResource({ uri: 'mpbox://files/out/report.csv' });
    assert(got.contents.length === 1 && got.contents[0].text === 'region,total\nnorth,10\n', JSON.stringify(got));
    got = await c.client.readResource({ uri: 'mpbox://files/my%20data.txt' });
    assert(got.contents[0].text === 'café' && got.contents[0].mimeType === 'text/plain', JSON.stringify(got));
    got = await c.client.readResource({ uri: 'mpbox://files/img.bin' });
    const bytes = Buffer.from(got.contents[0].blob, 'base64');
    assert(bytes.length === 256 && bytes.every((b, i) => b === i), 'blob: ' + JSON.stringify(got).slice(0, 200));
    let refused = 0;
    for (const uri of ['mpbox://files/nope.txt', 'file:///etc/passwd', 'mpbox://files/%00x']) {
      try {
        await c.client.readResource({ uri });
      } catch (e) {
        refused += e.code === -32002 ? 1 : 0;
      }
    }
    assert(refused === 3, 'unknown or foreign URIs are not found: ' + refused);
  });
}

const stdio = await connectStdio(['--timeout', '10']);
await cases('stdio', stdio);
await liveCases('stdio', stdio);
await fileCases('stdio', stdio);
await stdio.client.close();

const server = await serve(['--timeout', '10']);
try {
  const http = await connectHttp(server.url);
  await cases('http', http);
  await liveCases('http', http);
  await fileCases('http', http);
  await http.transport.terminateSession();
  await http.client.close();
} finally {
  await server.stop();
}
finish();
