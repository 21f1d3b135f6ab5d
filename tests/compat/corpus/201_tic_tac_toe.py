from functools import lru_cache
from itertools import product

LINES = [(0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6)]


def winner(board: str):
    for a, b, c in LINES:
        if board[a] != "." and board[a] == board[b] == board[c]:
            return board[a]
    return None


@lru_cache(maxsize=None)
def minimax(board: str, player: str) -> int:
    w = winner(board)
    if w:
        return 1 if w == "X" else -1
    if "." not in board:
        return 0
    scores = []
    for i, cell in enumerate(board):
        if cell == ".":
            nxt = board[:i] + player + board[i + 1:]
            scores.append(minimax(nxt, "O" if player == "X" else "X"))
    return max(scores) if player == "X" else min(scores)


def best_move(board, player):
    moves = [i for i, c in enumerate(board) if c == "."]
    key = lambda i: minimax(board[:i] + player + board[i + 1:], "O" if player == "X" else "X")
    return max(moves, key=key) if player == "X" else min(moves, key=key)


def show(board):
    rows = [" | ".join(board[r * 3:r * 3 + 3]) for r in range(3)]
    print("\n---------\n".join(rows))


board = "." * 9
player = "X"
while winner(board) is None and "." in board:
    move = best_move(board, player)
    board = board[:move] + player + board[move + 1:]
    player = "O" if player == "X" else "X"
show(board)
print("result:", winner(board) or "draw")
print("value of empty board:", minimax("." * 9, "X"), minimax.cache_info().currsize)
print(best_move("XX.OO....", "X"), best_move("XX.OO....", "O"), winner("XOXOXOX.."))
states = sum(1 for cells in product("XO.", repeat=9) if winner("".join(cells)))
print("boards with a winner:", states)
