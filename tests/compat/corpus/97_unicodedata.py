# Unicode normalisation and character names.
import unicodedata
for ch in "aÅ€9—":
    print(ch, unicodedata.name(ch), unicodedata.category(ch))
s = "Crème Brûlée"
nfd = unicodedata.normalize("NFD", s)
print(len(s), len(nfd))
ascii_only = "".join(c for c in nfd if unicodedata.category(c) != "Mn")
print(ascii_only)
print(unicodedata.normalize("NFC", nfd) == s)
print(unicodedata.lookup("GREEK SMALL LETTER ALPHA"), unicodedata.decimal("7"), unicodedata.numeric("½"))
