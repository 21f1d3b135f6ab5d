# Password strength checker.
import string
def strength(pw):
    checks = {
        "length >= 12": len(pw) >= 12,
        "lowercase": any(c.islower() for c in pw),
        "uppercase": any(c.isupper() for c in pw),
        "digit": any(c.isdigit() for c in pw),
        "symbol": any(c in string.punctuation for c in pw),
        "no spaces": not any(c.isspace() for c in pw),
    }
    score = sum(checks.values())
    return score, [k for k, ok in checks.items() if not ok]
for pw in ["password", "Tr0ub4dor&3", "correct horse battery staple", "X9!kq2@Lm#pZ", ""]:
    score, missing = strength(pw)
    label = ["very weak", "very weak", "weak", "fair", "good", "strong", "excellent"][score]
    print(f"{pw!r:32} {score}/6 {label:<10} missing: {', '.join(missing) or '-'}")
