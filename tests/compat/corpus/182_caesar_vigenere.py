import string
from collections import Counter

ALPHA = string.ascii_lowercase
ENGLISH_FREQ = "etaoinshrdlcumwfgypbvkjxqz"


def caesar(text: str, shift: int) -> str:
    def rot(c):
        if c.isupper():
            return chr((ord(c) - 65 + shift) % 26 + 65)
        if c.islower():
            return chr((ord(c) - 97 + shift) % 26 + 97)
        return c
    return "".join(map(rot, text))


def vigenere(text, key, decrypt=False):
    out, i = [], 0
    for c in text:
        if c.lower() in ALPHA:
            k = ALPHA.index(key[i % len(key)])
            k = -k if decrypt else k
            base = "A" if c.isupper() else "a"
            out.append(chr((ord(c) - ord(base) + k) % 26 + ord(base)))
            i += 1
        else:
            out.append(c)
    return "".join(out)


def crack_caesar(cipher):
    letters = Counter(c for c in cipher.lower() if c in ALPHA)
    common = letters.most_common(1)[0][0]
    shift = (ALPHA.index(common) - ALPHA.index("e")) % 26
    return shift, caesar(cipher, -shift)


msg = "Meet me near the old tree at seven, bring the secret letters!"
enc = caesar(msg, 13)
print(enc)
print(caesar(enc, 13) == msg, enc == msg.translate(str.maketrans(
    ALPHA + ALPHA.upper(), ALPHA[13:] + ALPHA[:13] + ALPHA.upper()[13:] + ALPHA.upper()[:13])))
for s in (3, 7, 21):
    shift, plain = crack_caesar(caesar(msg, s))
    print(f"shift {s:>2}: guessed {shift:>2} -> {plain[:24]}")
v = vigenere(msg, "lemon")
print(v)
print(vigenere(v, "lemon", decrypt=True))
print(ord("A"), chr(9731), "\u00e9".encode("utf-8"), "caf\xe9".upper(), "straße".upper(), "ǅ".lower())
print(" ".join(f"{ord(c):02x}" for c in "Hi!"), bytes.fromhex("48 69 21").decode(), "abc".encode().hex())
