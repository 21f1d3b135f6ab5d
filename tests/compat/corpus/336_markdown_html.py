"""Convert a small Markdown subset to HTML with regex: headings, emphasis, links, lists, code, escaping."""
import html
import re
from typing import List

DOC = """# Release notes
Version **2.1** brings _faster_ imports & fewer <surprises>.

## Changes
- Added `--dry-run` flag
- Fixed [issue #42](https://example.com/issues/42)
- Improved **bold _nested_ text**

1. Download
2. Run `install.sh`

```
print("a < b")
```
That's all, folks!"""


def inline(text: str) -> str:
    parts = re.split(r"(`[^`]+`)", text)
    out = []
    for part in parts:
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            out.append(f"<code>{html.escape(part[1:-1])}</code>")
            continue
        part = html.escape(part, quote=False)
        part = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", part)
        part = re.sub(r"(?<!\w)_(.+?)_(?!\w)", r"<em>\1</em>", part)
        part = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>', part)
        out.append(part)
    return "".join(out)


def convert(md: str) -> List[str]:
    html_lines: List[str] = []
    list_kind = None
    in_code = False
    para: List[str] = []

    def flush():
        nonlocal list_kind
        if para:
            html_lines.append(f"<p>{inline(' '.join(para))}</p>")
            para.clear()
        if list_kind:
            html_lines.append(f"</{list_kind}>")
            list_kind = None

    for line in md.splitlines():
        if line.startswith("```"):
            flush()
            html_lines.append("</code></pre>" if in_code else "<pre><code>")
            in_code = not in_code
            continue
        if in_code:
            html_lines.append(html.escape(line))
            continue
        m = re.match(r"(#{1,6})\s+(.*)", line)
        item = re.match(r"(?:([-*])|(\d+)\.)\s+(.*)", line)
        if m:
            flush()
            level = len(m.group(1))
            slug = re.sub(r"[^a-z0-9]+", "-", m.group(2).lower()).strip("-")
            html_lines.append(f'<h{level} id="{slug}">{inline(m.group(2))}</h{level}>')
        elif item:
            kind = "ul" if item.group(1) else "ol"
            if para:
                flush()
            if list_kind != kind:
                if list_kind:
                    html_lines.append(f"</{list_kind}>")
                html_lines.append(f"<{kind}>")
                list_kind = kind
            html_lines.append(f"  <li>{inline(item.group(3))}</li>")
        elif not line.strip():
            flush()
        else:
            if list_kind:
                flush()
            para.append(line.strip())
    flush()
    return html_lines


def main():
    out = convert(DOC)
    print("\n".join(out))
    print(len(out), sum(l.startswith("<h") for l in out), html.unescape("&lt;b&gt; &amp; &quot;q&quot; &#39;s&#39; &copy;"))
    tags = re.findall(r"<(\w+)", "\n".join(out))
    print(sorted(set(tags)), max(set(tags), key=tags.count))


if __name__ == "__main__":
    main()
