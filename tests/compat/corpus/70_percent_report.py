# Percentages and ratios in a survey report.
answers = {"yes": 412, "no": 288, "maybe": 97, "no answer": 3}
total = sum(answers.values())
print(f"{'answer':<10}{'count':>6}{'share':>9}")
for k, v in answers.items():
    share = v / total
    print(f"{k:<10}{v:>6}{share:>9.1%}")
print(f"total: {total:,}")
ratio = answers["yes"] / answers["no"]
print("yes/no ratio:", ratio, round(ratio, 3), f"{ratio:.3}")
print(f"{0.5:.0%} {1/8:.2%} {2/3:%}")
print(f"{total / 7}")
