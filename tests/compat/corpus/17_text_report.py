# A text report: wrapped paragraphs, centred titles, aligned columns.
import textwrap

title = "quarterly operations summary"
body = ("Revenue grew in every region this quarter, led by the northern stores which "
        "opened two new locations. Costs were held flat despite higher energy prices, "
        "and the customer satisfaction score reached its highest level since the survey began.")

width = 50
print("=" * width)
print(title.upper().center(width))
print(title.title().center(width, "."))
print("=" * width)
print(textwrap.fill(body, width=width))
print()
for line in textwrap.wrap(body, width=30)[:3]:
    print("| " + line.ljust(30) + " |")
print(textwrap.indent("first\nsecond", "    > "))
print(textwrap.shorten(body, width=60, placeholder=" [...]"))
print(textwrap.dedent("""
    indented block
      keeps relative
    indentation
""").strip())

rows = [("Revenue", 1520300.5, 0.124), ("Costs", -880120.25, -0.013), ("Margin", 640180.25, 0.31)]
print()
print("Metric".ljust(10) + "Amount".rjust(16) + "Change".rjust(10))
for name, amount, change in rows:
    print(name.ljust(10) + f"{amount:,.2f}".rjust(16) + f"{change:+.1%}".rjust(10))
print("-" * 36)
codes = ["7", "42", "123", "-5"]
print("zero padded:", [c.zfill(4) for c in codes])
print("swapped:", "Hello World".swapcase(), "|", "python".capitalize())
