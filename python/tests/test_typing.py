"""The type hints (py.typed, _mpbox.pyi, annotations) pass mypy --strict,
and the tests themselves type-check against them."""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON_DIR = os.path.dirname(HERE)


def _mypy(tmp_path, *args):
    return subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), *args],
                          cwd=PYTHON_DIR, capture_output=True, text=True)


def test_package_is_strictly_typed(tmp_path):
    p = _mypy(tmp_path, "--strict", "-p", "mpbox")
    assert p.returncode == 0, p.stdout + p.stderr


def test_tests_type_check(tmp_path):
    p = _mypy(tmp_path, "tests")
    assert p.returncode == 0, p.stdout + p.stderr
