# Slicing with steps on strings and lists.
s = "hello, world"
print(s[::-1], s[::2], s[1::3], s[-1:-6:-1], s[::-2])
def is_palindrome(text):
    cleaned = "".join(ch.lower() for ch in text if ch.isalnum())
    return cleaned == cleaned[::-1]
for t in ["Racecar", "A man, a plan, a canal: Panama", "hello"]:
    print(t, is_palindrome(t))
nums = list(range(12))
print(nums[::3], nums[::-1][:4], nums[10:2:-2])
del nums[::2]
print(nums)
nums[::2] = [0, 0, 0]
print(nums)
b = bytes(range(10))
print(b[::-1], b[::4])
t = tuple("abcdefg")
print(t[::-2])
words = "one two three four".split()
print([w[::-1] for w in words][::-1])
