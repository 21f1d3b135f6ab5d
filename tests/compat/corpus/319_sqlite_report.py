"""Use sqlite3 in memory: create tables, insert rows, run aggregate queries and print a report."""
import sqlite3
from contextlib import closing

ORDERS = [
    (1, "alice", "2024-01-03", 120.50), (2, "bob", "2024-01-04", 75.00), (3, "alice", "2024-02-11", 42.25),
    (4, "carol", "2024-02-15", 310.00), (5, "bob", "2024-03-01", 18.99), (6, "alice", "2024-03-09", 99.99),
    (7, "dave", "2024-03-10", 5.00),
]


def main():
    with closing(sqlite3.connect(":memory:")) as conn:
        conn.row_factory = sqlite3.Row
        cur = conn.cursor()
        cur.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT NOT NULL, day TEXT, total REAL)")
        cur.executemany("INSERT INTO orders VALUES (?, ?, ?, ?)", ORDERS)
        conn.commit()
        print("rows:", cur.execute("SELECT COUNT(*) FROM orders").fetchone()[0])
        query = """
            SELECT customer, COUNT(*) AS n, ROUND(SUM(total), 2) AS spent, MAX(total) AS biggest
            FROM orders GROUP BY customer ORDER BY spent DESC
        """
        print(f"{'customer':<8} {'n':>2} {'spent':>8} {'biggest':>8}")
        for row in cur.execute(query):
            print(f"{row['customer']:<8} {row['n']:>2} {row['spent']:>8.2f} {row['biggest']:>8.2f}")
        monthly = cur.execute("SELECT substr(day, 1, 7) AS month, SUM(total) FROM orders GROUP BY month").fetchall()
        print([tuple(r) for r in monthly])
        cur.execute("UPDATE orders SET total = total * 0.9 WHERE customer = ?", ("alice",))
        print("updated:", cur.rowcount)
        row = cur.execute("SELECT * FROM orders WHERE id = ?", (1,)).fetchone()
        print(dict(row), row.keys())
        try:
            cur.execute("INSERT INTO orders (id, customer) VALUES (1, 'zed')")
        except sqlite3.IntegrityError as e:
            print("IntegrityError:", e)
        try:
            cur.execute("SELECT nope FROM orders")
        except sqlite3.OperationalError as e:
            print("OperationalError:", e)
        big = cur.execute("SELECT id, customer FROM orders WHERE total > :limit ORDER BY id", {"limit": 80}).fetchall()
        print([(r[0], r[1]) for r in big])
        print(cur.execute("SELECT typeof(total), typeof(id), typeof(customer) FROM orders LIMIT 1").fetchone()[:])


if __name__ == "__main__":
    main()
