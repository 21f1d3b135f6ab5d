# Deduplicate contacts by normalised email and phone.
import re
contacts = [
    {"name": "Ann Lee", "email": "Ann.Lee@Mail.com", "phone": "(555) 123-4567"},
    {"name": "ann lee", "email": "ann.lee@mail.com ", "phone": "555.123.4567"},
    {"name": "Bo Chen", "email": "bo@chen.io", "phone": "+1 555 987 6543"},
    {"name": "B. Chen", "email": "BO@CHEN.IO", "phone": ""},
    {"name": "Cy Diaz", "email": "cy@diaz.net", "phone": "5550001111"},
]
def norm_phone(p):
    digits = re.sub(r"\D", "", p)
    return digits[-10:] if digits else None
seen = {}
for c in contacts:
    key = c["email"].strip().lower()
    if key in seen:
        merged = seen[key]
        merged["phone"] = merged["phone"] or norm_phone(c["phone"])
        merged["aliases"].append(c["name"])
    else:
        seen[key] = {"name": c["name"].title(), "phone": norm_phone(c["phone"]), "aliases": []}
for email, c in seen.items():
    print(email, c)
print(len(contacts), "->", len(seen))
