import pytest

import mpbox


@pytest.fixture
def session():
    s = mpbox.Session(timeout=30)
    yield s
    s.close()
