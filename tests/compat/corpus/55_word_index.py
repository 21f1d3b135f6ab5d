# Build an index of words to line numbers.
text = """the quick brown fox
jumps over the lazy dog
the dog sleeps
a fox runs quickly"""

index = {}
for lineno, line in enumerate(text.splitlines(), 1):
    for word in line.split():
        index.setdefault(word, []).append(lineno)

print(index)
print(len(index), "distinct words")
for word, lines in index.items():
    if len(lines) > 1:
        print(f"{word!r} appears on lines {lines}")
first_letters = {}
for word in index:
    first_letters.setdefault(word[0], []).append(word)
print(first_letters)
print(max(index, key=lambda w: len(index[w])))
