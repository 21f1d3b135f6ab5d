# keyword: Python 3.11's lists and predicates. colorsys: every conversion
# over a grid of colours, round trips, clipping of YIQ.
import keyword
import colorsys

print(keyword.kwlist, len(keyword.kwlist))
print(keyword.softkwlist)
for w in ['if', 'match', 'case', '_', 'print', 'True', 'none', 'async', 'await', '']:
    print(repr(w), keyword.iskeyword(w), keyword.issoftkeyword(w))
print([n for n in ['class', 'klass', 'def_', 'lambda', 'type'] if not keyword.iskeyword(n)])

vals = [0.0, 0.1, 0.25, 1 / 3, 0.5, 0.6, 2 / 3, 0.9, 1.0]
for r in vals[::2]:
    for g in vals[1::3]:
        for b in vals[::4]:
            print(r, g, b, colorsys.rgb_to_hsv(r, g, b), colorsys.rgb_to_hls(r, g, b),
                  colorsys.rgb_to_yiq(r, g, b))
for h in vals:
    for s in (0.0, 0.3, 1.0):
        for v in (0.0, 0.4, 0.5, 0.75, 1.0):
            print(h, s, v, colorsys.hsv_to_rgb(h, s, v), colorsys.hls_to_rgb(h, v, s))
for y, i, q in [(0.5, 0.1, 0.1), (1.0, 0.5, 0.5), (0.0, -0.5, 0.2), (0.3, 0.0, 0.0)]:
    print(colorsys.yiq_to_rgb(y, i, q))
print(colorsys.hsv_to_rgb(*colorsys.rgb_to_hsv(0.2, 0.4, 0.6)),
      colorsys.hls_to_rgb(*colorsys.rgb_to_hls(0.2, 0.4, 0.6)),
      colorsys.yiq_to_rgb(*colorsys.rgb_to_yiq(0.2, 0.4, 0.6)))
print([round(c * 255) for c in colorsys.hsv_to_rgb(210 / 360, 0.5, 0.8)], colorsys.ONE_THIRD)
