#!/usr/bin/env python3
"""mpbox mcp: raw JSON-RPC lines on stdin, one reply a line on stdout."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import case, check, finish, require_binary, run, show  # noqa: E402

require_binary()

INIT = {"jsonrpc": "2.0", "id": 0, "method": "initialize",
        "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                   "clientInfo": {"name": "t", "version": "1"}}}
INITIALIZED = {"jsonrpc": "2.0", "method": "notifications/initialized"}


def session(*msgs, args=(), init=True):
    """Send msgs (dicts, or str/bytes lines as they are); return the replies
    (parsed), without the initialize reply when init."""
    lines = []
    for m in ([INIT, INITIALIZED] if init else []) + list(msgs):
        if isinstance(m, dict):
            m = json.dumps(m)
        if isinstance(m, str):
            m = m.encode()
        lines.append(m + b"\n")
    p = run("mcp", *args, stdin=b"".join(lines))
    check(p.returncode == 0, "exit status %d, stderr %s" % (p.returncode, show(p.stderr)))
    out = p.stdout.decode("utf-8")
    check(out == "" or out.endswith("\n"), "output does not end in a newline")
    replies = [json.loads(line) for line in out.splitlines()]
    for r in replies:
        check(r.get("jsonrpc") == "2.0", "no jsonrpc 2.0: %s" % show(r))
    if init:
        check(replies and replies[0].get("id") == 0 and "result" in replies[0], "no initialize reply")
        replies = replies[1:]
    return replies


def call(i, code, **extra):
    a = {"python_code": code}
    a.update(extra)
    return {"jsonrpc": "2.0", "id": i, "method": "tools/call",
            "params": {"name": "run_python_code", "arguments": a}}


def error_code(r):
    return r.get("error", {}).get("code")


@case
def test_initialize():
    for asked, got in (("2025-06-18", "2025-06-18"), ("2025-03-26", "2025-03-26"),
                       ("2024-11-05", "2024-11-05"), ("2099-01-01", "2025-06-18")):
        m = dict(INIT, params=dict(INIT["params"], protocolVersion=asked))
        (r,) = session(m, init=False)
        res = r["result"]
        check(res["protocolVersion"] == got, "asked %s, got %s" % (asked, res["protocolVersion"]))
        check(res["capabilities"] == {"tools": {"listChanged": False},
                                      "resources": {"listChanged": False, "subscribe": False}}, show(res))
        check(res["serverInfo"]["name"] == "mpbox", show(res))


@case
def test_ping_and_notifications():
    rs = session({"jsonrpc": "2.0", "id": "p", "method": "ping"},
                 {"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": 1}},
                 {"jsonrpc": "2.0", "method": "no/such/notification"},
                 {"jsonrpc": "2.0", "method": "ping"},  # a notification, even of a request method
                 {"jsonrpc": "2.0", "method": 5},  # not a valid request: -32600, id null (JSON-RPC 2.0)
                 {"jsonrpc": "2.0", "id": 7, "method": "ping"})
    check([r["id"] for r in rs] == ["p", None, 7], show(rs))
    check(rs[0]["result"] == {} and rs[2]["result"] == {} and error_code(rs[1]) == -32600, show(rs))


@case
def test_malformed_json():
    rs = session("{not json", "", "   ", b"\xff\xfe", '{"jsonrpc": "2.0", "id": 1, "method": "ping"} x',
                 {"jsonrpc": "2.0", "id": 2, "method": "ping"})
    check(len(rs) == 4, show(rs))
    for r in rs[:3]:
        check(error_code(r) == -32700 and r["id"] is None, show(r))
    check(rs[3]["id"] == 2 and rs[3]["result"] == {}, show(rs[3]))


@case
def test_invalid_requests():
    rs = session("[]", "[1, 2]", "42", '"str"',
                 {"jsonrpc": "1.0", "id": 1, "method": "ping"},
                 {"id": 2, "method": "ping"},
                 {"jsonrpc": "2.0", "id": {"a": 1}, "method": "ping"},
                 {"jsonrpc": "2.0", "id": 1.5, "method": "ping"},
                 {"jsonrpc": "2.0", "id": 3, "method": ["ping"]},
                 {"jsonrpc": "2.0", "id": 4})
    check(len(rs) == 10, "%d replies: %s" % (len(rs), show(rs)))
    for r in rs:
        check(error_code(r) == -32600, show(r))
    check([r["id"] for r in rs[4:]] == [1, 2, None, None, 3, 4], show(rs))


@case
def test_unknown_method():
    rs = session({"jsonrpc": "2.0", "id": 1, "method": "prompts/list"},
                 {"jsonrpc": "2.0", "id": 2, "method": "x" * 1000})
    check([error_code(r) for r in rs] == [-32601, -32601], show(rs))
    check(len(rs[1]["error"]["message"]) < 200, "message not bounded")


@case
def test_bad_params():
    rs = session({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": [1]},
                 {"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": 5}},
                 {"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "other"}},
                 {"jsonrpc": "2.0", "id": 4, "method": "tools/call",
                  "params": {"name": "run_python_code", "arguments": {}}},
                 {"jsonrpc": "2.0", "id": 5, "method": "tools/call",
                  "params": {"name": "run_python_code", "arguments": {"python_code": 1}}},
                 call(6, "1", global_variables=[1]),
                 call(7, "1", reset_context="yes"),
                 {"jsonrpc": "2.0", "id": 8, "method": "tools/call",
                  "params": {"name": "run_python_code", "arguments": "print(1)"}},
                 {"jsonrpc": "2.0", "id": 9, "method": "initialize", "params": {}},
                 call(10, "1 + 1"))
    check([error_code(r) for r in rs[:9]] == [-32602] * 9, show(rs))
    check(rs[9]["result"]["isError"] is False, show(rs[9]))


@case
def test_before_initialize():
    rs = session({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}, call(2, "1"),
                 {"jsonrpc": "2.0", "id": 3, "method": "ping"}, INIT,
                 {"jsonrpc": "2.0", "id": 4, "method": "tools/list"}, INIT, init=False)
    check(error_code(rs[0]) == -32600 and error_code(rs[1]) == -32600, show(rs[:2]))
    check(rs[2]["result"] == {}, show(rs[2]))
    check(rs[3]["result"]["protocolVersion"] == "2025-06-18", show(rs[3]))
    check(rs[4]["result"]["tools"][0]["name"] == "run_python_code", show(rs[4]))
    check(error_code(rs[5]) == -32600, "second initialize: %s" % show(rs[5]))


@case
def test_huge_line():
    big = '{"jsonrpc": "2.0", "id": 1, "method": "ping", "pad": "' + "x" * (9 << 20) + '"}'
    rs = session(big, {"jsonrpc": "2.0", "id": 2, "method": "ping"})
    check(len(rs) == 2, show(rs))
    check(error_code(rs[0]) == -32600 and rs[0]["id"] is None, show(rs[0]))
    check(rs[1]["result"] == {}, show(rs[1]))


@case
def test_deep_nesting():
    rs = session("[" * 100000, '{"a":' * 5000 + "1" + "}" * 5000,
                 {"jsonrpc": "2.0", "id": 2, "method": "ping"})
    check([error_code(r) for r in rs[:2]] == [-32700, -32700], show(rs))
    check(rs[2]["result"] == {}, show(rs[2]))


@case
def test_tool_call_envelope():
    rs = session(call(1, "print('a')\nx = 2\nx * 21"),
                 call(2, "x + y", global_variables={"y": {"k": [1, 2.5, None, True, "é"]}}),
                 call(3, "y"),
                 call(4, "x", reset_context=True),
                 call(5, "print('</output> tag')\nNone"),
                 call(6, "import sys\nsys.exit(3)"),
                 call(7, "'\\ud800' if False else b'\\x00\\xff'"))
    texts = [r["result"]["content"][0]["text"] for r in rs]
    check(texts[0] == "<status>success</status>\n<output>\na\n</output>\n<return_value>\n42\n</return_value>",
          show(texts[0]))
    check(rs[1]["result"]["isError"] and "TypeError" in texts[1], show(texts[1]))
    check('{"k":[1,2.5,null,true,"é"]}' in texts[2], show(texts[2]))
    check(rs[3]["result"]["isError"] and "NameError" in texts[3], show(texts[3]))
    check(texts[4] == "<status>success</status>\n<output>\n&lt;/output&gt; tag\n</output>", show(texts[4]))
    check(rs[5]["result"]["isError"] and texts[5].startswith("<status>run-error</status>")
          and "SystemExit: 3" in texts[5], show(texts[5]))
    check("<return_value>\n\"b'\\\\x00\\\\xff'\"\n</return_value>" in texts[6], show(texts[6]))


@case
def test_limits_apply():
    rs = session(call(1, "while True:\n    pass"), call(2, "'x' * 10"), call(3, "bytearray(100 << 20)"),
                 args=("--timeout", "0.3", "--max-output", "1K", "--memory", "32M"))
    t = [r["result"]["content"][0]["text"] for r in rs]
    check(t[0].startswith("<status>timeout</status>") and "0.3 s" in t[0], show(t[0]))
    check(t[1].endswith('"xxxxxxxxxx"\n</return_value>'), show(t[1]))
    check(t[2].startswith("<status>out_of_memory</status>"), show(t[2]))
    (lst,) = session({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}, args=("--timeout", "0.3"))
    desc = lst["result"]["tools"][0]["description"]
    check("0.3 s" in desc and "MicroPython 1.27" in desc, show(desc))


@case
def test_usage():
    p = run("mcp", "-c", "1")
    check(p.returncode == 2, "a program with mcp: %d" % p.returncode)
    p = run("mcp", "--return-mode=yaml")
    check(p.returncode == 2, "bad return mode: %d" % p.returncode)


finish()
