# f-string fields as the rewrite hands them to MicroPython's lexer: a
# self-documenting '{expr=}' field gets the same treatment as any other
# (a ':' in parentheses, a string with a ':' or a brace, a nested f-string,
# '!a'), and an f-string may end in a doubled brace.
x = 5
w = 8
d = {'a': 1}
print(f"{d['a']=}", f"{x=:>5}|", f"{x = }", f"{ {'k': 1}['k']=}")
print(f"{f'{x}'=}", f"{f'{x!r}'=}", f"{(lambda: 3)()=}")
print(f"{'a:b'=}", f"{'{'=}", f"{'é'=!a}", f"{x=!s:<4}|")
print(f"{x!a}", f"{x!r:>{w}}|", f"{x:{w}.{2}f}", f"a{x}b{{c}}d{x=}e")
print(f"{x} {{", f"a{{", f'a{{', f"""a{{""", rf"\n{x}{{", f"{{}}{{", f"{x}{{a")
