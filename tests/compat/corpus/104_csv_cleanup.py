# Clean a messy CSV export.
import csv
import io
raw = """Name , Email ,Age,  City
  alice smith , ALICE@EXAMPLE.COM ,34, new york
bob jones,bob@example.com, ,boston
 carol  white ,carol@Example.com,29,  san francisco
,missing@example.com,40,chicago
"""
reader = csv.DictReader(io.StringIO(raw))
reader.fieldnames = [f.strip().lower() for f in reader.fieldnames]
clean = []
for row in reader:
    row = {k: v.strip() for k, v in row.items()}
    if not row["name"]:
        print("skip row without name:", row)
        continue
    row["name"] = " ".join(row["name"].split()).title()
    row["email"] = row["email"].lower()
    row["age"] = int(row["age"]) if row["age"] else None
    row["city"] = row["city"].title()
    clean.append(row)
for r in clean:
    print(r)
out = io.StringIO()
w = csv.DictWriter(out, fieldnames=["name", "email", "age", "city"])
w.writeheader()
w.writerows(clean)
print(out.getvalue())
