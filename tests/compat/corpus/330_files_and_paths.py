"""Work with files in a scratch directory: write CSV/JSON/text, walk the tree, glob, stat and clean up."""
import csv
import json
import os
import shutil
import tempfile
from pathlib import Path


def main():
    root = Path(tempfile.mkdtemp(prefix="report_"))
    try:
        (root / "data").mkdir()
        (root / "data" / "raw").mkdir(parents=True, exist_ok=True)
        people = [{"name": "Ann", "age": 31}, {"name": "Bo", "age": 25}]
        with open(root / "data" / "people.csv", "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=["name", "age"])
            w.writeheader()
            w.writerows(people)
        (root / "data" / "people.json").write_text(json.dumps(people, indent=1))
        (root / "data" / "raw" / "notes.txt").write_text("line one\nline two\n\nline four\n")
        (root / "README.md").write_text("# Report\n")
        for dirpath, dirnames, filenames in sorted(os.walk(root)):
            rel = os.path.relpath(dirpath, root)
            print(f"{rel:<10} dirs={sorted(dirnames)} files={sorted(filenames)}")
        print(sorted(p.name for p in root.rglob("*.json")), sorted(str(p.relative_to(root)) for p in root.glob("data/*")))
        with open(root / "data" / "people.csv", newline="") as f:
            rows = list(csv.DictReader(f))
        print(rows, sum(int(r["age"]) for r in rows))
        notes = root / "data" / "raw" / "notes.txt"
        lines = notes.read_text().splitlines()
        print(len(lines), [l for l in lines if l], notes.suffix, notes.stem, notes.parent.name, notes.stat().st_size)
        with notes.open("a") as f:
            f.write("appended\n")
        with open(notes) as f:
            for i, line in enumerate(f, 1):
                print(f"{i}: {line.rstrip()!r}")
        print(json.loads((root / "data" / "people.json").read_text())[1], (root / "missing.txt").exists())
        try:
            open(root / "missing.txt")
        except FileNotFoundError as e:
            print("FileNotFoundError:", e.errno, e.strerror, Path(e.filename).name)
        shutil.copy(notes, root / "copy.txt")
        os.rename(root / "copy.txt", root / "renamed.txt")
        print(sorted(os.listdir(root)), os.path.getsize(root / "renamed.txt"), os.path.splitext("a/b.tar.gz"))
        (root / "renamed.txt").unlink()
        shutil.rmtree(root / "data" / "raw")
        print(sorted(p.name for p in root.iterdir()), Path("a/b/../c.txt").name, Path("/x/y").parts, Path("x") / "y" / "z.py")
    finally:
        shutil.rmtree(root)
    print(root.exists())


if __name__ == "__main__":
    main()
