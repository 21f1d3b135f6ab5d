import sys
print(sys.stdin.read())
input("x")
