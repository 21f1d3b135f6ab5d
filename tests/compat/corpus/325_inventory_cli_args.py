"""A command-line inventory tool driven by argparse, run against a list of simulated argv vectors."""
import argparse
import json
import shlex
import sys
from typing import Dict, List

DB: Dict[str, Dict] = {"bolt": {"qty": 120, "price": 0.15}, "nut": {"qty": 300, "price": 0.05}}


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="inv", description="Manage inventory")
    p.add_argument("-v", "--verbose", action="store_true")
    sub = p.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="add stock")
    add.add_argument("item")
    add.add_argument("qty", type=int)
    add.add_argument("--price", type=float, default=None)
    ls = sub.add_parser("list", help="list items")
    ls.add_argument("--sort", choices=["name", "qty", "value"], default="name")
    ls.add_argument("--json", action="store_true")
    rm = sub.add_parser("remove")
    rm.add_argument("items", nargs="+")
    return p


def run(argv: List[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    if args.verbose:
        print(f"  args: {vars(args)}")
    if args.command == "add":
        entry = DB.setdefault(args.item, {"qty": 0, "price": args.price or 0.0})
        entry["qty"] += args.qty
        if args.price is not None:
            entry["price"] = args.price
        print(f"  {args.item}: qty={entry['qty']} price={entry['price']:.2f}")
    elif args.command == "list":
        keys = {"name": lambda kv: kv[0], "qty": lambda kv: -kv[1]["qty"], "value": lambda kv: -kv[1]["qty"] * kv[1]["price"]}
        rows = sorted(DB.items(), key=keys[args.sort])
        if args.json:
            print(json.dumps(dict(rows), sort_keys=False))
        else:
            for name, e in rows:
                print(f"  {name:<8}{e['qty']:>6}{e['qty'] * e['price']:>9.2f}")
    elif args.command == "remove":
        missing = [i for i in args.items if i not in DB]
        for i in args.items:
            DB.pop(i, None)
        if missing:
            print(f"  not found: {', '.join(missing)}")
            return 1
    return 0


def main():
    sys.stderr = sys.stdout  # show argparse's messages in the transcript
    for line in ["list", "add washer 500 --price 0.02", "-v add bolt 30", "list --sort value", "list --json --sort qty",
                 "remove nut gear", "list --sort size", "add screw many", "frobnicate", "add 'wing nut' 4 --price=0.5"]:
        print(f"$ inv {line}")
        code = run(shlex.split(line))
        print(f"  -> exit {code}")


if __name__ == "__main__":
    main()
