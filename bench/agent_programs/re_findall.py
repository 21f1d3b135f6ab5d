# re.findall over a 10 MB log-like text: numbers, e-mail-like tokens and
# words after a fixed prefix.
import re

parts = []
for i in range(160000):
    parts.append("2026-01-%02d host%d GET /api/v%d/items/%d user%d@mail%d.example status=%d\n"
                 % (i % 28 + 1, i % 50, i % 3, i, i % 997, i % 7, 200 + i % 5))
text = "".join(parts)
nums = re.findall(r"\d+", text)
mails = re.findall(r"[a-z0-9]+@[a-z0-9]+\.example", text)
status = re.findall(r"status=(\d+)", text)
print("chars:", len(text), "nums:", len(nums), "mails:", len(mails), "status:", len(status))
print(sum(int(s) for s in status), mails[12345], nums[-1])
