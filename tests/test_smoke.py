import dean06


def test_version_is_text() -> None:
    assert dean06.__version__.count(".") == 2
