for m in ('r', 'w', 'a', 'x', 'r+', 'wb'):
    try:
        open('/f', m)
    except OSError as e:
        print(m, e)
f = open(1, 'w')
f.write('hi')
f.close()
