"""Pretty-print tables with alignment, number formats, and unicode box drawing."""
from typing import Any, List, Sequence

ROWS = [
    ("Widget", 1234, 0.0735, 1234567.891, -12.5),
    ("Gadget", 56, 0.5, 0.000123, 3.0),
    ("Thingamajig", 7, 1.0, 98.6, 1e10),
    ("Doodad", 0, 0.12345, -0.5, float("nan")),
]


def render(headers: Sequence[str], rows: List[Sequence[Any]], fmts: Sequence[str]) -> str:
    cells = [[format(v, f) for v, f in zip(row, fmts)] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    def line(l, m, r):
        return l + m.join("─" * (w + 2) for w in widths) + r
    out = [line("┌", "┬", "┐")]
    out.append("│" + "│".join(f" {h:^{w}} " for h, w in zip(headers, widths)) + "│")
    out.append(line("├", "┼", "┤"))
    for r in cells:
        parts = [f" {c:<{w}} " if i == 0 else f" {c:>{w}} " for i, (c, w) in enumerate(zip(r, widths))]
        out.append("│" + "│".join(parts) + "│")
    out.append(line("└", "┴", "┘"))
    return "\n".join(out)


def main():
    print(render(["Item", "Qty", "Share", "Value", "Delta"], ROWS, ["s", ",d", ".1%", ",.2f", "+.3g"]))
    x = 1234567.891
    for spec in ["", "f", ".2f", ",.2f", "_.1f", "e", ".3e", "g", ".3g", "10.1f", "<12,.1f", "^14.2f", "=+12.2f", "012.3f", "%", ".0%"]:
        print(f"{spec!r:>10}: [{x:{spec}}]")
    for n in [0, 7, 255, -42, 2**40]:
        print(f"{n:>15,} {n:#x} {n:#o} {n:#b} {n:08d} {n:+d} {n:e} {n: d}")
    for v in [0.1, 1/3, 2/3, 100.0, 1e-5, 1e16, 123456789012345678.0, 0.000001234, -0.0, 5e-324]:
        print(f"{v!r:<24} {v!s:<24} {v:g} {v:.2g} {v:.10g}")
    print("%-10s|%5d|%8.3f|%x|%r|%5.1f%%" % ("left", 42, 3.14159, 255, "q", 99.5))
    print("{:*^20}".format(" centered "), "{0:>5}|{0:<5}|{0:^5}".format("ab"), "{:,}".format(10**9))
    print(format(0.5, ".0f"), format(1.5, ".0f"), format(2.5, ".0f"), round(0.5), round(1.5), round(2.5), round(-2.5))
    print(f"{'truncate me':.5}|{'pad':>{8}}|{3.14159:{'.2f'}}|{42:{'>'}{6}}")
    print(str(1e22), str(1e-7), repr(1.1 * 3), 0.1 + 0.2, 1e300 * 1e10, -1e300 * 1e10, 2 ** 0.5)
    print(int("1_000_000"), float("1_000.5"), f"{1_000_000:_}", f"{0xFFFF:_x}")


if __name__ == "__main__":
    main()
