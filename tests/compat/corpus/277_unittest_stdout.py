"""Unit tests for a small utility module, run with output captured to stdout."""
import io
import sys
import unittest


def slugify(text: str) -> str:
    cleaned = "".join(c.lower() if c.isalnum() else "-" for c in text.strip())
    while "--" in cleaned:
        cleaned = cleaned.replace("--", "-")
    return cleaned.strip("-")


def chunk(items, size):
    if size <= 0:
        raise ValueError("size must be positive")
    return [items[i:i + size] for i in range(0, len(items), size)]


class SlugifyTests(unittest.TestCase):
    def test_basic(self):
        self.assertEqual(slugify("Hello World"), "hello-world")

    def test_punctuation(self):
        self.assertEqual(slugify("  Rock & Roll!! "), "rock-roll")

    def test_deliberate_failure(self):
        self.assertEqual(slugify("A_B"), "a_b")

    def test_subtests(self):
        for raw, want in [("x", "x"), ("X Y", "x-y"), ("--a--", "a")]:
            with self.subTest(raw=raw):
                self.assertEqual(slugify(raw), want)


class ChunkTests(unittest.TestCase):
    def setUp(self):
        self.items = list(range(7))

    def test_sizes(self):
        self.assertEqual(chunk(self.items, 3), [[0, 1, 2], [3, 4, 5], [6]])
        self.assertEqual(len(chunk(self.items, 1)), 7)

    def test_invalid(self):
        with self.assertRaises(ValueError) as ctx:
            chunk(self.items, 0)
        self.assertIn("positive", str(ctx.exception))

    def test_raises_regex(self):
        self.assertRaisesRegex(ValueError, r"must be \w+", chunk, [], -1)

    @unittest.skip("not implemented yet")
    def test_skipped(self):
        self.fail("should not run")

    def test_truthiness(self):
        self.assertTrue(chunk([], 2) == [])
        self.assertIsNone(None)
        self.assertAlmostEqual(0.1 + 0.2, 0.3)
        self.assertCountEqual([1, 2, 2], [2, 1, 2])


def main():
    loader = unittest.TestLoader()
    suite = unittest.TestSuite()
    suite.addTests(loader.loadTestsFromTestCase(SlugifyTests))
    suite.addTests(loader.loadTestsFromTestCase(ChunkTests))
    print(f"collected {suite.countTestCases()} tests")
    stream = io.StringIO()
    result = unittest.TextTestRunner(stream=stream, verbosity=0).run(suite)
    print(f"ran={result.testsRun} failures={len(result.failures)} errors={len(result.errors)} "
          f"skipped={len(result.skipped)} ok={result.wasSuccessful()}")
    for test, tb in result.failures:
        print("FAILED:", test.id().split(".", 1)[1])
        print("   ", tb.strip().splitlines()[-1])
    for test, reason in result.skipped:
        print("SKIPPED:", test._testMethodName, "-", reason)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
