"""Every Python example of docs/python.md and README.md runs."""

import contextlib
import io
import os
import re

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _examples(doc):
    with open(os.path.join(ROOT, doc), encoding="utf-8") as f:
        text = f.read()
    return re.findall(r"^```python\n(.*?)^```", text, re.S | re.M)


EXAMPLES = [(doc, i, code) for doc in ("docs/python.md", "README.md") for i, code in enumerate(_examples(doc))]


def test_there_are_examples():
    assert sum(1 for doc, _, _ in EXAMPLES if doc == "docs/python.md") >= 7
    assert any(doc == "README.md" for doc, _, _ in EXAMPLES)


@pytest.mark.parametrize("doc,index,code", EXAMPLES, ids=[f"{d}#{i}" for d, i, _ in EXAMPLES])
def test_example_runs(doc, index, code, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, f"{doc} example {index}", "exec"), {"__name__": "__main__"})
    # Every "print(...)  # -> expected" comment is checked against the output
    # ("a / b": both).
    printed = out.getvalue()
    for expected in re.findall(r"print\(.*\)\s+# -> (.+)$", code, re.M):
        for part in expected.split(" / "):
            assert part.strip() in printed, (part, printed)
