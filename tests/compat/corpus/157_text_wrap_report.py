import textwrap
import string

ARTICLE = """The quick brown fox jumps over the lazy dog. This sentence is famous because it
contains every letter of the English alphabet at least once, which makes it useful for testing
typewriters, fonts and keyboards.   Designers still use it today!"""

words = ARTICLE.split()
print(f"{len(words)} words, {len(ARTICLE)} chars")
letters = {c.lower() for c in ARTICLE if c.isalpha()}
print("pangram:", set(string.ascii_lowercase) <= letters)
missing = sorted(set(string.ascii_lowercase) - letters)
print("missing:", missing)

text = " ".join(words)
print(textwrap.fill(text, width=40))
print()
for line in textwrap.wrap(text, width=30, initial_indent="* ", subsequent_indent="  "):
    print(f"|{line:<30}|")
print()
print(textwrap.shorten(text, width=50, placeholder=" [...]"))
print(textwrap.indent("line one\nline two\n\nline four", "> "))
block = """
    def hello():
        return 'hi'
"""
print(textwrap.dedent(block).strip())

table = str.maketrans("aeiou", "AEIOU", ".,!")
print(text.translate(table)[:60])
print(string.capwords("hello   wide world"), "hello world".title())
tmpl = string.Template("$name owes $$${amount}")
print(tmpl.substitute(name="Ann", amount="12.50"))
print(tmpl.safe_substitute(name="Bob"))
print("{name:*^20}|{n:08.3f}".format_map({"name": "center", "n": 3.14159}))
print(string.punctuation, string.digits, string.hexdigits)
longest = max(words, key=len)
print(longest, len(longest), sorted(words, key=str.lower)[:5])
