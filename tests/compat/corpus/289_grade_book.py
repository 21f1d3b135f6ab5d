"""Student grade book: weighted averages, letter grades, ranking, and per-assignment stats."""
import statistics
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Dict, List

WEIGHTS = {"homework": 0.25, "midterm": 0.30, "final": 0.35, "participation": 0.10}
CUTOFFS = [60, 67, 70, 73, 77, 80, 83, 87, 90, 93]
LETTERS = ["F", "D", "D+", "C-", "C", "C+", "B-", "B", "B+", "A-", "A"]


@dataclass
class Student:
    name: str
    scores: Dict[str, List[float]] = field(default_factory=dict)

    def component(self, kind: str) -> float:
        values = self.scores.get(kind, [])
        return sum(values) / len(values) if values else 0.0

    @property
    def weighted(self) -> float:
        return sum(self.component(k) * w for k, w in WEIGHTS.items())

    @property
    def letter(self) -> str:
        return LETTERS[bisect_right(CUTOFFS, self.weighted)]


def main():
    roster = [
        Student("Avery", {"homework": [95, 88, 92], "midterm": [84], "final": [91], "participation": [100]}),
        Student("Blake", {"homework": [72, 65, 80], "midterm": [70], "final": [68], "participation": [90]}),
        Student("Casey", {"homework": [100, 100, 98], "midterm": [97], "final": [99], "participation": [95]}),
        Student("Devon", {"homework": [55, 0, 61], "midterm": [58], "final": [62], "participation": [70]}),
        Student("Emery", {"homework": [88, 91], "midterm": [79], "final": [85], "participation": [85]}),
        Student("Finley", {"homework": [90, 85, 80], "midterm": [79], "final": [85.5], "participation": [85]}),
    ]
    ranked = sorted(roster, key=lambda s: s.weighted, reverse=True)
    print(f"{'#':>2} {'Name':<8}" + "".join(f"{k[:4].title():>7}" for k in WEIGHTS) + f"{'Total':>8} Grade")
    for rank, s in enumerate(ranked, start=1):
        comps = "".join(f"{s.component(k):>7.1f}" for k in WEIGHTS)
        print(f"{rank:>2} {s.name:<8}{comps}{s.weighted:>8.2f} {s.letter:<2}")
    totals = [s.weighted for s in roster]
    print(f"mean={statistics.mean(totals):.3f} median={statistics.median(totals):.3f} "
          f"stdev={statistics.stdev(totals):.3f} pstdev={statistics.pstdev(totals):.3f}")
    print("quantiles:", [round(q, 2) for q in statistics.quantiles(totals, n=4)])
    print("mode of letters:", statistics.mode(s.letter for s in roster), statistics.multimode([1, 1, 2, 2, 3]))
    dist = {}
    for s in roster:
        dist.setdefault(s.letter[0], []).append(s.name)
    for letter in sorted(dist):
        print(f"  {letter}: {', '.join(dist[letter])}")
    hw = [x for s in roster for x in s.scores["homework"]]
    print(f"homework: n={len(hw)} min={min(hw)} max={max(hw)} mean={statistics.fmean(hw):.2f} "
          f"harmonic={statistics.harmonic_mean([x for x in hw if x]):.2f}")
    print(statistics.median_low([1, 3, 5, 7]), statistics.median_high([1, 3, 5, 7]), statistics.variance([2.5, 3.5, 4.0]))
    failing = [s.name for s in roster if s.letter == "F"]
    assert failing == ["Devon"], failing
    print("all checks passed" if all(0 <= s.weighted <= 100 for s in roster) else "range error")
    print(statistics.correlation([s.component("midterm") for s in roster], [s.component("final") for s in roster]))


if __name__ == "__main__":
    main()
