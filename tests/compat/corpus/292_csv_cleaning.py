"""Clean a messy CSV export: normalize names, parse dates and money, dedupe, write output."""
import csv
import io
import re
from datetime import datetime
from decimal import Decimal, InvalidOperation

MESSY = '''Customer Name,Signup Date,Plan,Monthly Fee,Email
"  smith, john ",2023-01-05,Pro,"$1,200.00",JOHN.SMITH@EXAMPLE.COM
jane doe,01/15/2023,basic,$9.99,jane@example.com
"O'Brien, Pat",2023.02.28,PRO ,$49,pat@obrien.ie
jane doe,01/15/2023,Basic,$9.99,Jane@Example.com
"Li, Wei",15-Mar-2023,Enterprise,"€2,500.50",wei.li@example.cn
bad row,not a date,Pro,free,nobody
'''

DATE_FORMATS = ["%Y-%m-%d", "%m/%d/%Y", "%Y.%m.%d", "%d-%b-%Y"]


def parse_date(text: str):
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unrecognised date: {text!r}")


def parse_money(text: str) -> Decimal:
    cleaned = re.sub(r"[^\d.\-]", "", text)
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"bad amount: {text!r}") from None


def normalize_name(raw: str) -> str:
    raw = raw.strip()
    if "," in raw:
        last, first = [p.strip() for p in raw.split(",", 1)]
        raw = f"{first} {last}"
    return " ".join(part.capitalize() if "'" not in part else part for part in raw.split())


def main():
    reader = csv.reader(io.StringIO(MESSY))
    header = [h.strip().lower().replace(" ", "_") for h in next(reader)]
    print("header:", header)
    clean, rejects, seen = [], [], set()
    for lineno, row in enumerate(reader, start=2):
        rec = dict(zip(header, row))
        try:
            out = {
                "name": normalize_name(rec["customer_name"]),
                "signup": parse_date(rec["signup_date"]),
                "plan": rec["plan"].strip().title(),
                "fee": parse_money(rec["monthly_fee"]),
                "email": rec["email"].strip().lower(),
            }
        except ValueError as e:
            rejects.append((lineno, str(e)))
            continue
        if out["email"] in seen:
            rejects.append((lineno, f"duplicate {out['email']}"))
            continue
        seen.add(out["email"])
        clean.append(out)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(clean[0]), quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writeheader()
    for rec in sorted(clean, key=lambda r: r["signup"]):
        writer.writerow({**rec, "signup": rec["signup"].isoformat(), "fee": f"{rec['fee']:.2f}"})
    print(buf.getvalue(), end="")
    for lineno, why in rejects:
        print(f"rejected line {lineno}: {why}")
    total = sum(r["fee"] for r in clean)
    print(f"MRR: {total:,.2f} from {len(clean)} customers; plans: {sorted({r['plan'] for r in clean})}")
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", quotechar="'", quoting=csv.QUOTE_NONNUMERIC)
    w.writerow(["a;b", 1, 2.5, "it's"])
    print(out.getvalue().strip())
    print(list(csv.reader(['x,"y, z",""', 'single'])), csv.list_dialects()[:0])


if __name__ == "__main__":
    main()
