# Slicing: lists, strings, tuples, slice objects, assignment and deletion.
nums = list(range(10))
print(nums[2:5], nums[:3], nums[7:], nums[-3:], nums[:-7])
print(nums[::2], nums[1::2], nums[::-1], nums[8:2:-2], nums[-1:-4:-1])
print(nums[100:], nums[-100:2], nums[5:2])
s = "Hello, World"
print(s[::-1], s[7:], s[:5], s[::3], s[-5:-1], s[1:-1:2])
t = (1, 2, 3, 4, 5)
print(t[1:3], t[::-2], t[:0])
sl = slice(1, 8, 3)
print(nums[sl], sl, sl.start, sl.stop, sl.step, sl.indices(5))
first_two = slice(None, 2)
print("abcdef"[first_two], [9, 8, 7][first_two])
a = list(range(10))
a[2:5] = ["x", "y"]
print(a)
a[::3] = [0, 0, 0]
print(a)
del a[::2]
print(a)
a[:0] = [-1, -2]
print(a)
a[len(a):] = [99]
print(a)
b = [1, 2, 3, 4, 5, 6]
del b[1:3]
print(b)
b[1:1] = "ab"
print(b)
try:
    b[::2] = [1]
except ValueError as e:
    print("ValueError:", e)
m = [[1, 2, 3], [4, 5, 6]]
copy = m[:]
copy[0][0] = 100
print(m, copy is m)
print("palindrome" if "racecar" == "racecar"[::-1] else "no")
data = bytearray(b"abcdef")
data[1:3] = b"XYZ"
print(data, data[::-1], bytes(data[::2]))
r = range(20)[3:15:4]
print(r, list(r))
