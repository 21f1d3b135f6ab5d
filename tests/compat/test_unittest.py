# unittest: discovery, fixtures, the assert methods and their messages,
# skips, expected failures, subtests, the text report (timing and
# traceback lines left out: they differ by design).
import io
import unittest


def report(suite, verbosity=2):
    stream = io.StringIO()
    result = unittest.TextTestRunner(stream=stream, verbosity=verbosity).run(suite)
    for line in stream.getvalue().splitlines():
        if line.startswith(('Traceback', '  File', '    ', 'Ran ')):
            continue
        print(line)
    print(result.testsRun, len(result.failures), len(result.errors), len(result.skipped),
          len(result.expectedFailures), len(result.unexpectedSuccesses), result.wasSuccessful())
    return result


events = []


class Checks(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        events.append('setUpClass')

    @classmethod
    def tearDownClass(cls):
        events.append('tearDownClass')

    def setUp(self):
        self.items = [1, 2, 3]
        self.addCleanup(events.append, 'cleanup')

    def tearDown(self):
        events.append('tearDown')

    def test_equal(self):
        self.assertEqual(sum(self.items), 6)
        self.assertNotEqual(1, 2)
        self.assertIn(2, self.items)
        self.assertIsNone(None)
        self.assertIsInstance('x', str)
        self.assertAlmostEqual(0.1 + 0.2, 0.3)
        self.assertCountEqual([1, 2, 2], [2, 1, 2])
        self.assertLess(1, 2)
        self.assertRegex('abc123', r'\d+')

    def test_raises(self):
        with self.assertRaises(ZeroDivisionError) as cm:
            1 / 0
        self.assertIsInstance(cm.exception, ZeroDivisionError)
        self.assertRaises(KeyError, {}.__getitem__, 'k')
        with self.assertRaisesRegex(ValueError, 'bad'):
            raise ValueError('a bad value')

    def test_fail_str(self):
        self.assertEqual('spam', 'eggs')

    def test_fail_list(self):
        self.assertEqual([1, 2, 3], [1, 2, 4])

    def test_fail_dict(self):
        self.assertEqual({'a': 1}, {'a': 2})

    def test_fail_msg(self):
        self.assertTrue(0, 'custom message')

    def test_fail_almost(self):
        self.assertAlmostEqual(1.0, 1.5)

    def test_fail_in(self):
        self.assertIn('z', 'abc')

    def test_fail_raises(self):
        with self.assertRaises(TypeError):
            pass

    def test_error(self):
        {}['missing']

    @unittest.skip('not today')
    def test_skipped(self):
        pass

    def test_skip_inside(self):
        self.skipTest('decided at run time')

    @unittest.expectedFailure
    def test_expected(self):
        self.assertEqual(1, 2)

    @unittest.expectedFailure
    def test_unexpected(self):
        pass

    def test_subtests(self):
        for i in range(4):
            with self.subTest(i=i):
                self.assertEqual(i % 2, 0)


suite = unittest.TestLoader().loadTestsFromTestCase(Checks)
print(suite.countTestCases(), unittest.TestLoader().getTestCaseNames(Checks)[:3])
result = report(suite)
print(events[0], events[-1], events.count('cleanup'), events.count('tearDown'))
for test, text in result.failures:
    print(str(test))
    print(text.strip().splitlines()[-1] if 'differ' not in text and '!=' not in text.splitlines()[-1] else
          [l for l in text.splitlines() if l.startswith('AssertionError')][0])
print(str(Checks('test_equal')), Checks('test_equal').id(), repr(Checks('test_equal')))
report(unittest.TestSuite([Checks('test_equal'), Checks('test_raises')]), verbosity=1)


@unittest.skip('whole class')
class Skipped(unittest.TestCase):
    def test_a(self):
        pass


report(unittest.TestLoader().loadTestsFromTestCase(Skipped), verbosity=0)
try:
    Checks('no_such_method')
except ValueError as e:
    print('ValueError')
