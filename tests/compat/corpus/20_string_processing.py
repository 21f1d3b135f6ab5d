# String processing: cleaning, palindromes, caesar cipher, slug, acronyms.
import string

def is_palindrome(s):
    cleaned = "".join(c.lower() for c in s if c.isalnum())
    return cleaned == cleaned[::-1]

for phrase in ["A man, a plan, a canal: Panama", "Hello", "Was it a car or a cat I saw?"]:
    print(f"{phrase!r}: {is_palindrome(phrase)}")

def caesar(text, shift):
    lower = string.ascii_lowercase
    upper = string.ascii_uppercase
    table = str.maketrans(lower + upper, lower[shift:] + lower[:shift] + upper[shift:] + upper[:shift])
    return text.translate(table)

secret = caesar("Attack at Dawn!", 3)
print(secret, "->", caesar(secret, -3))

def slugify(title):
    out = []
    for ch in title.lower():
        if ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")

print(slugify("  Hello, World! Python 3.12 -- Tips & Tricks "))
print("".join(w[0] for w in "portable network graphics".split()).upper())
s = "The quick brown fox jumps over the lazy dog"
print(s.title(), "|", s.swapcase())
print(sorted(set(s.lower()) - set(" ")) == list(string.ascii_lowercase))
print(s.count("o"), s.find("fox"), s.rfind("o"), s.index("lazy"))
print(s.replace(" ", "_", 3))
print("-".join(reversed(s.split())))
print(s[4:9], s[-3:], s[::5])
print(" padded ".strip(), "|", "xxhixx".strip("x"), "|", "log.txt".removesuffix(".txt"))
print("CamelCaseString".lower(), "".join(" " + c if c.isupper() else c for c in "CamelCaseString").strip())
vowels = sum(1 for c in s.lower() if c in "aeiou")
print(f"vowels={vowels} consonants={sum(c.isalpha() for c in s) - vowels}")
print("%-10s|%5d|%8.3f|%x" % ("left", 42, 3.14159, 255))
print("{:^12}|{:<6}|{:>6}".format("mid", "l", "r"))
