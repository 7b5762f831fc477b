import pytest

from kiosk.files import replaced_atomically


def test_the_file_appears_whole_or_not_at_all(tmp_path):
    target = tmp_path / "badges.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), replaced_atomically(target) as partial:
        partial.write_bytes(b"half")
        raise RuntimeError("cancelled")
    assert target.read_bytes() == b"old"
    with replaced_atomically(target) as partial:
        partial.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["badges.pdf"]
