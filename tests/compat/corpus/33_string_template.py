# Mail merge with string.Template and format strings.
from string import Template, capwords
import string

letter = Template("Dear $name,\nyour order #$order of $$${amount} ships on $date.\n")
customers = [
    {"name": "ann lee", "order": 1001, "amount": "45.10", "date": "3 May"},
    {"name": "BOB O'NEIL", "order": 1002, "amount": "12.00", "date": "4 May"},
]
for c in customers:
    c = dict(c, name=capwords(c["name"]))
    print(letter.substitute(c))

partial = Template("$greeting, $who! ${missing}")
print(partial.safe_substitute(greeting="Hi", who="there"))
try:
    partial.substitute(greeting="Hi")
except KeyError as e:
    print("missing key:", e)

print(capwords("the  quick   brown fox"), "|", capwords("a-b c-d", "-"))
print(string.ascii_uppercase[:5], string.digits, len(string.punctuation))
print(string.hexdigits, string.whitespace == " \t\n\r\x0b\x0c")
fmt = "{name:<10}|{qty:>4}|{price:>8.2f}"
for row in [("widget", 3, 4.5), ("gizmo", 12, 19.999)]:
    print(fmt.format(name=row[0], qty=row[1], price=row[2]))
print("{0} {1} {0}".format("a", "b"), "{:>{w}}".format("x", w=4), "{!r}".format("q"))
print("{:08.3f}|{:+d}|{:#x}|{:o}|{:e}".format(3.14159, 7, 255, 8, 12345.678))
