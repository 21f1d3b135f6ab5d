# Compare two versions of a text with difflib.
import difflib
old = ["apple", "banana", "cherry", "date"]
new = ["apple", "blueberry", "cherry", "date", "elderberry"]
for line in difflib.unified_diff(old, new, fromfile="old.txt", tofile="new.txt", lineterm=""):
    print(line)
print(round(difflib.SequenceMatcher(None, "kitten", "sitting").ratio(), 4))
print(difflib.get_close_matches("appel", ["ape", "apple", "peach", "puppy"]))
for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, "abcdef", "abxdefg").get_opcodes():
    print(tag, i1, i2, j1, j2)
print(list(difflib.ndiff(["one\n", "two\n"], ["one\n", "too\n"])))
