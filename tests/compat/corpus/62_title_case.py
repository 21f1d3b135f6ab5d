# Normalise names and titles.
names = ["ada lovelace", "ALAN TURING", "grace hopper", "o'neil mcdonald", "jean-luc picard"]
for n in names:
    print(n.title(), "|", n.capitalize(), "|", n.swapcase())
print("hello world".title())
print("ß straße".casefold(), "ß".upper())
print("Python3 is fun".istitle(), "Python Is Fun".istitle())
words = ["Apple", "apple", "APPLE", "banana"]
print(sorted(set(w.casefold() for w in words)))
print("camelCaseString".swapcase())
