# Multi-key sorting of a leaderboard.
players = [("ana", 1200, 35), ("ben", 1350, 40), ("cai", 1200, 30), ("dee", 1350, 40),
           ("eli", 1100, 25), ("fox", 1200, 35), ("gus", 1350, 38)]
board = sorted(players, key=lambda p: (-p[1], p[2]))
for rank, (name, rating, games) in enumerate(board, 1):
    print(f"{rank:>2}. {name:<4} {rating:>5} {games:>3}")
by_rating = sorted(players, key=lambda p: p[1], reverse=True)
print([p[0] for p in by_rating])
by_games = sorted(players, key=lambda p: p[2])
print([p[0] for p in by_games])
ties = {}
for name, rating, _ in players:
    ties.setdefault(rating, []).append(name)
print({r: names for r, names in ties.items() if len(names) > 1})
print(sorted(players, key=lambda p: p[0][::-1])[:3])
