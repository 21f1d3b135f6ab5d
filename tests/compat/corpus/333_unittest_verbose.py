"""A verbose unittest run of a stack/queue module, with setUpClass, fixtures, expected failures and subtests."""
import io
import unittest
from collections import deque


class Stack:
    def __init__(self):
        self._items = []

    def push(self, x):
        self._items.append(x)

    def pop(self):
        if not self._items:
            raise IndexError("pop from empty stack")
        return self._items.pop()

    def peek(self):
        return self._items[-1] if self._items else None

    def __len__(self):
        return len(self._items)


class StackTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.shared = list(range(5))

    def setUp(self):
        self.s = Stack()

    def tearDown(self):
        self.s = None

    def test_push_pop(self):
        for x in self.shared:
            self.s.push(x)
        self.assertEqual([self.s.pop() for _ in range(5)], [4, 3, 2, 1, 0])

    def test_empty_pop(self):
        with self.assertRaisesRegex(IndexError, "empty"):
            self.s.pop()

    def test_peek(self):
        self.assertIsNone(self.s.peek())
        self.s.push("a")
        self.assertEqual(self.s.peek(), "a")
        self.assertEqual(len(self.s), 1)

    @unittest.expectedFailure
    def test_known_bug(self):
        self.assertEqual(Stack().peek(), 0)

    def test_values(self):
        for v in [1, "x", None, 2.5]:
            with self.subTest(v=v):
                self.s.push(v)
                self.assertIs(self.s.pop(), v)

    def test_fails(self):
        self.assertListEqual([1, 2, 3], [1, 2, 4])


class DequeTest(unittest.TestCase):
    def test_rotate(self):
        d = deque(range(4))
        d.rotate(1)
        self.assertEqual(list(d), [3, 0, 1, 2])

    def test_maxlen(self):
        d = deque(maxlen=2)
        d.extend([1, 2, 3])
        self.assertEqual(d, deque([2, 3]))
        self.assertGreater(len(d), 1)
        self.assertIn(3, d)

    def test_error(self):
        deque().popleft()


def main():
    suite = unittest.TestSuite()
    loader = unittest.defaultTestLoader
    for case in (StackTest, DequeTest):
        suite.addTests(loader.loadTestsFromTestCase(case))
    stream = io.StringIO()
    result = unittest.TextTestRunner(stream=stream, verbosity=2).run(suite)
    lines = [l for l in stream.getvalue().splitlines() if " ... " in l]
    for l in lines:
        print(l)
    print(f"run={result.testsRun} fail={len(result.failures)} err={len(result.errors)} "
          f"xfail={len(result.expectedFailures)} ok={result.wasSuccessful()}")
    for test, tb in result.failures + result.errors:
        print(test.id().rsplit(".", 2)[-2:], tb.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
