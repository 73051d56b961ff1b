"""Missing tools are reported with the command that installs them."""

from collections.abc import Callable
from pathlib import Path

import pytest

from jenjang_local.errors import StackError
from jenjang_local.prereqs import require_java, require_maven


@pytest.mark.parametrize("check", [require_java, require_maven])
def test_missing_java_or_maven_says_how_to_install(
    check: Callable[[], str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no java, no mvn
    with pytest.raises(StackError) as caught:
        check()
    assert "apt-get install -y openjdk-17-jre-headless maven" in str(caught.value)


def test_old_java_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "java"
    fake.write_text("#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(StackError) as caught:
        require_java()
    assert "Java 11" in str(caught.value)
