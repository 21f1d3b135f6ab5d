# Apply a stream of inventory events and report stock levels.
stock = {"bolts": 120, "nuts": 80, "washers": 200}
events = [("sell", "bolts", 30), ("buy", "screws", 50), ("sell", "nuts", 85),
          ("buy", "nuts", 40), ("sell", "washers", 10), ("discontinue", "bolts", 0)]

for action, item, qty in events:
    if action == "buy":
        stock[item] = stock.get(item, 0) + qty
    elif action == "sell":
        have = stock.get(item, 0)
        if qty > have:
            print(f"cannot sell {qty} {item}: only {have}")
            continue
        stock[item] = have - qty
    elif action == "discontinue":
        removed = stock.pop(item)
        print(f"discontinued {item} ({removed} left)")
    print(action, item, "->", stock)

stock["bolts"] = 5
print(stock)
low = [name for name, qty in stock.items() if qty < 100]
print("low stock:", low)
print(dict(zip(stock, range(len(stock)))))
