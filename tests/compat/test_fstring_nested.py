# f-strings nested in a field of another f-string (before Python 3.12 the
# inner one uses the other quote): the rewrite turns the inner one into
# '<template>'.format(...), since MicroPython's lexer cannot nest them.
age = 36
name = 'Ada'
width = 8
items = [1.5, 2.25]
print(f"{'nested ' + f'{age:03}'}")
print(f"{f'{name!r}':>{width}}|")
print(f"{', '.join(f'{x:.1f}' for x in items)}")
print(f"[{f'{age=}'}] [{f'{name!a:<5}'}]")
print(f"{f'{{literal}} {age}'}", f'{f"{age:>{width}}"}|')
print(f"{f'{age}: {name}'.upper()}", f"{len(f'{name}{age}')}")
print(f"{f'{age:x}' if age else 'none'}", f'''{f"{'<' + name + '>'}"}''')
table = {'a': 1}
print(f"{f'{table}'} {f'{items[0]}'}")
