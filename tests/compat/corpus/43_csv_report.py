# Read CSV with quoting, clean values, write a summary CSV.
import csv
import io

RAW = '''date,store,item,units,unit_price,notes
2024-04-01,Downtown,"Coffee, large",14,3.50,
2024-04-01,Airport,Tea,9,2.75,"said ""great"""
2024-04-02,Downtown,Muffin,,2.25,missing units
2024-04-02,Airport,"Coffee, large",22,3.95,
2024-04-03,Downtown,Tea,5,2.50,
2024-04-03,Mall,Muffin,11,2.40,
2024-04-03,Mall,"Coffee, large",17,3.75,
'''

rows = list(csv.reader(io.StringIO(RAW)))
header, body = rows[0], rows[1:]
print("columns:", header)
print("rows:", len(body))
print("notes:", [r[5] for r in body if r[5]])

clean = []
for r in csv.DictReader(io.StringIO(RAW)):
    if not r["units"]:
        print("skipping incomplete row for", r["item"], "on", r["date"])
        continue
    r["units"] = int(r["units"])
    r["unit_price"] = float(r["unit_price"])
    r["revenue"] = round(r["units"] * r["unit_price"], 2)
    clean.append(r)

summary = {}
for r in clean:
    key = (r["store"], r["item"])
    s = summary.setdefault(key, {"units": 0, "revenue": 0.0})
    s["units"] += r["units"]
    s["revenue"] += r["revenue"]

out = io.StringIO()
w = csv.writer(out, lineterminator="\n")
w.writerow(["store", "item", "units", "revenue"])
for (store, item), s in sorted(summary.items()):
    w.writerow([store, item, s["units"], f"{s['revenue']:.2f}"])
print(out.getvalue(), end="")

out2 = io.StringIO()
dw = csv.DictWriter(out2, fieldnames=["item", "units"], lineterminator="\n")
dw.writeheader()
for r in clean[:3]:
    dw.writerow({"item": r["item"], "units": r["units"]})
print(out2.getvalue(), end="")
print(next(csv.reader(['a;"b;c";d'], delimiter=";")))
