# Validate user input with str predicates.
inputs = ["user_01", "hello world", "12345", "abc123", "", "x" * 3, "Ünïcode", "tab\there", "1.5", "٣"]
for s in inputs:
    print(repr(s), s.isalnum(), s.isalpha(), s.isdigit(), s.isdecimal(), s.isnumeric(),
          s.isascii(), s.isidentifier(), s.isprintable(), s.isspace())
print("   ".isspace(), "Title Case".istitle(), "lower".islower(), "UPPER1".isupper())
