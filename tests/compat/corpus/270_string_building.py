# Text processing idioms: join, split, textwrap, string module, alignment tables.
import string
import textwrap

print(string.ascii_lowercase, string.ascii_uppercase[:5], string.digits, string.punctuation)
print(string.capwords("hello   wide world"), string.hexdigits, repr(string.whitespace))
tmpl = string.Template("$who likes $what, ${who}!")
print(tmpl.substitute(who="Tim", what="kung pao"))
print(tmpl.safe_substitute(who="Ann"))
text = ("Python is a high-level, general-purpose programming language. Its design philosophy "
        "emphasizes code readability with the use of significant indentation.")
print(textwrap.fill(text, width=40))
print(textwrap.wrap(text, 30)[:2])
print(textwrap.shorten(text, width=50, placeholder="..."))
print(textwrap.indent("line one\nline two", "> "))
print(textwrap.dedent("""
    indented
      more
    back
""").strip())
rows = [("Name", "Qty", "Price"), ("Apple", 3, 0.5), ("Watermelon", 1, 3.25), ("Fig", 12, 0.2)]
widths = [max(len(str(r[i])) for r in rows) for i in range(3)]
for r in rows:
    print(" | ".join(str(v).ljust(w) if i == 0 else str(v).rjust(w) for i, (v, w) in enumerate(zip(r, widths))))
print("-" * 20)
sentence = "the quick brown fox jumps over the lazy dog"
print(" ".join(w.capitalize() for w in sentence.split()))
print(sentence.title(), "o'neil's book".title())
print("".join(ch for ch in "H3ll0 W0rld!" if ch.isalpha()))
print({ch: sentence.count(ch) for ch in "aeiou"})
acronym = "".join(w[0].upper() for w in "portable network graphics".split())
print(acronym)
parts = []
for i in range(5):
    parts.append(str(i ** 2))
print(", ".join(parts), "/".join(["usr", "local", "bin"]))
print(repr("  x  ".strip()), "a-b_c d".replace("-", " ").replace("_", " ").split())
print(str.upper("abc"), "%s" % [1, 2], "snake_case_name".split("_"), "CamelCase".lower())
camel = "parseHttpResponseCode"
snake = "".join("_" + c.lower() if c.isupper() else c for c in camel)
print(snake, "".join(p.title() for p in snake.split("_")))
print("abc".center(9, "-"), "|".join("abc"), "x".join(""), "a\tb".split("\t"))
