# A vending machine state model with change making.
class VendingMachine:
    COINS = (200, 100, 50, 20, 10, 5)
    def __init__(self, stock):
        self.stock = dict(stock)
        self.credit = 0
    def insert(self, cents):
        if cents not in self.COINS:
            raise ValueError(f"rejected coin: {cents}")
        self.credit += cents
    def buy(self, item):
        if item not in self.stock:
            raise KeyError(item)
        price, count = self.stock[item]
        if count == 0:
            return f"{item} sold out"
        if self.credit < price:
            return f"insert {price - self.credit} more"
        self.stock[item] = (price, count - 1)
        change, self.credit = self.credit - price, 0
        coins = []
        for c in self.COINS:
            while change >= c:
                coins.append(c)
                change -= c
        return f"{item} + change {coins}"
vm = VendingMachine({"cola": (125, 2), "chips": (90, 0), "gum": (45, 5)})
for action in [("insert", 100), ("buy", "cola"), ("insert", 50), ("buy", "cola"), ("insert", 3),
               ("buy", "chips"), ("insert", 200), ("buy", "gum"), ("buy", "tea")]:
    try:
        res = getattr(vm, action[0])(action[1])
        if res:
            print(res)
    except (ValueError, KeyError) as e:
        print(type(e).__name__, e)
print(vm.stock)
