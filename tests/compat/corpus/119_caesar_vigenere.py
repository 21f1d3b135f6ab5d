# Classical ciphers.
import string
def caesar(text, shift):
    lower = string.ascii_lowercase
    upper = string.ascii_uppercase
    table = str.maketrans(lower + upper, lower[shift:] + lower[:shift] + upper[shift:] + upper[:shift])
    return text.translate(table)
msg = "Attack at Dawn!"
enc = caesar(msg, 3)
print(enc, caesar(enc, -3))
def vigenere(text, key, decrypt=False):
    out = []
    k = 0
    for ch in text:
        if ch.isalpha():
            base = ord("A") if ch.isupper() else ord("a")
            shift = ord(key[k % len(key)].lower()) - ord("a")
            if decrypt:
                shift = -shift
            out.append(chr((ord(ch) - base + shift) % 26 + base))
            k += 1
        else:
            out.append(ch)
    return "".join(out)
e = vigenere(msg, "lemon")
print(e, vigenere(e, "lemon", decrypt=True))
print(string.punctuation, string.digits, string.hexdigits)
