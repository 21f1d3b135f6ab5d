# A small unittest suite run programmatically.
import unittest
import io

def slugify(text):
    return "-".join(text.lower().split())

class SlugTests(unittest.TestCase):
    def test_simple(self):
        self.assertEqual(slugify("Hello World"), "hello-world")
    def test_spaces(self):
        self.assertEqual(slugify("  a   b "), "a-b")
    def test_wrong(self):
        self.assertEqual(slugify("X"), "y")
    def test_raises(self):
        with self.assertRaises(AttributeError):
            slugify(None)
    def test_true(self):
        self.assertTrue(slugify("") == "")
        self.assertIn("a", slugify("A b"))

suite = unittest.TestLoader().loadTestsFromTestCase(SlugTests)
stream = io.StringIO()
result = unittest.TextTestRunner(stream=stream, verbosity=0).run(suite)
print("ran", result.testsRun, "failures", len(result.failures), "errors", len(result.errors))
print(result.wasSuccessful())
for test, tb in result.failures:
    print("FAILED:", test.id().split(".")[-1])
