# Strip known prefixes and suffixes from file names.
files = ["report_2024.csv", "report_2023.csv.bak", "draft_notes.txt", "img_001.png", "README"]
for f in files:
    base = f.removesuffix(".bak").removesuffix(".csv").removeprefix("report_")
    print(f"{f!r:26} -> {base!r}")
print("www.example.com".removeprefix("www."))
print("abc".removeprefix(""), "abc".removesuffix("abc") == "")
print("key=value=x".partition("="))
print("key=value=x".rpartition("="))
print("novalue".partition("="))
print("a,b,,c".split(","), "a b  c".split(), "a,b,c".rsplit(",", 1))
