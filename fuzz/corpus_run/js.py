import js
try:
    js.x = [1, 2]
    js[0] = print
    js.y
except Exception as e:
    print(type(e))
