# Wrap and indent a long description.
import textwrap
desc = ("mpbox runs Python programs written by agents inside a sandbox with hard limits "
        "on memory, time and output, and reports what happened in a structured result.")
print(textwrap.fill(desc, width=40))
print(textwrap.indent(textwrap.fill(desc, 50), "> "))
print(textwrap.shorten(desc, width=60, placeholder=" [...]"))
print(textwrap.dedent("""
    line one
      line two
    line three""").strip())
for i, line in enumerate(textwrap.wrap(desc, 30), 1):
    print(f"{i:02d}| {line}")
