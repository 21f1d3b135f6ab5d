# difflib: matching, ratios, opcodes, the three diff formats, close matches.
import difflib

pairs = [('kitten', 'sitting'), ('abcd', 'bcde'), ('', 'abc'), ('same', 'same'),
         ('private Thread currentThread;', 'private volatile Thread currentThread;'),
         ('qabxcd', 'abycdf')]
for a, b in pairs:
    s = difflib.SequenceMatcher(None, a, b)
    print(repr(a), repr(b), round(s.ratio(), 6), round(s.quick_ratio(), 6), round(s.real_quick_ratio(), 6))
    print('  ', s.get_matching_blocks())
    print('  ', s.get_opcodes())
    print('  ', s.find_longest_match(0, len(a), 0, len(b)))
s = difflib.SequenceMatcher(lambda c: c == ' ', 'a b c d', 'a  bcd')
print(s.get_opcodes(), round(s.ratio(), 6))
long_a = ['line %d\n' % i for i in range(300)] + ['x\n'] * 5
long_b = ['line %d\n' % i for i in range(300) if i % 37] + ['x\n'] * 4 + ['new\n']
s = difflib.SequenceMatcher(None, long_a, long_b)
print(len(s.get_opcodes()), s.get_opcodes()[:4], round(s.ratio(), 6))
print(sorted(difflib.SequenceMatcher(None, 'a' * 250, 'a' * 240 + 'b' * 10).bpopular))
old = ['one\n', 'two\n', 'three\n', 'four\n', 'five\n', 'six\n', 'seven\n', 'eight\n', 'nine\n', 'ten\n']
new = ['one\n', 'two\n', 'THREE\n', 'four\n', 'five\n', 'six\n', 'seven\n', 'eight\n', 'nine!\n', 'ten\n', 'eleven\n']
print(''.join(difflib.unified_diff(old, new, 'old.txt', 'new.txt', '2024-01-01', '2024-01-02')))
print(''.join(difflib.unified_diff(old, new, n=1)))
print(''.join(difflib.context_diff(old, new, 'a', 'b')))
print(list(difflib.unified_diff(['a'], ['a'])))
print(''.join(difflib.ndiff(['one\n', 'two\n', 'three\n'], ['ore\n', 'tree\n', 'emu\n'])))
print(''.join(difflib.ndiff(['\tIf the path is\n', 'same\n'], ['\tIf a path is\n', 'same\n', 'added\n'])))
delta = list(difflib.ndiff(['one\n', 'two\n'], ['one\n', 'too\n']))
print(''.join(difflib.restore(delta, 1)), ''.join(difflib.restore(delta, 2)))
print(difflib.get_close_matches('appel', ['ape', 'apple', 'peach', 'puppy']))
print(difflib.get_close_matches('wheel', ['while', 'wheels', 'whale', 'heel', 'wall'], n=2, cutoff=0.5))
print(difflib.get_close_matches('xyz', ['abc']), difflib.IS_LINE_JUNK('  # \n'), difflib.IS_CHARACTER_JUNK('\t'))
d = difflib.Differ()
print(list(d.compare(['a\n', 'b\n'], ['a\n', 'c\n', 'b\n'])))
