# Clean text with str.translate and maketrans.
table = str.maketrans("aeiou", "AEIOU")
print("the quick brown fox".translate(table))
strip_punct = str.maketrans("", "", ".,!?;:")
print("Hello, world! How are you? Fine; thanks.".translate(strip_punct))
leet = {ord("a"): "4", ord("e"): "3", ord("o"): "0", ord("s"): None}
print("lesson on passwords".translate(leet))
rot13 = str.maketrans("abcdefghijklmnopqrstuvwxyz", "nopqrstuvwxyzabcdefghijklm")
msg = "secret message"
enc = msg.translate(rot13)
print(enc, enc.translate(rot13))
print(str.maketrans({"x": "y"}))
