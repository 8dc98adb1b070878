"""`make run`: it says where it serves and how to change it, and refuses at once when the port is taken."""

import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
from django.conf import settings


def make_run(*variables, database):
    """`make run` with `variables` (PORT=…), its prerequisites taken as made (-o), on `database`."""
    prerequisites = [
        ".venv/.installed",
        *(str(path) for path in Path("locale").glob("*/LC_MESSAGES/django.mo")),
    ]
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    return subprocess.run(
        ["make", "--no-print-directory", *(f"-o{path}" for path in prerequisites), "run", *variables],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def taken_port():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_a_taken_port_is_refused_before_anything_else(taken_port, tmp_path):
    database = tmp_path / "db.sqlite3"
    result = make_run(f"PORT={taken_port}", "HOST=127.0.0.1", database=database)
    assert result.returncode != 0
    assert f"Serving on http://127.0.0.1:{taken_port}/ (another address or port: make run" in result.stdout
    assert f"Port {taken_port} on 127.0.0.1 is in use" in result.stderr
    assert f"make run PORT={taken_port + 1}" in result.stderr
    assert "migrate" not in result.stdout
    assert not database.exists()


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_a_port_that_is_no_number_is_refused(tmp_path):
    result = make_run("PORT=eighty", database=tmp_path / "db.sqlite3")
    assert result.returncode != 0
    assert "PORT must be a port number, such as make run PORT=8001, not 'eighty'." in result.stderr
