"""Other SPARQL stores for the tests: Virtuoso Open Source 7 started as a normal process.

Virtuoso (Debian's ``virtuoso-opensource``) runs from a folder of its own with its own ini, on
free loopback ports, its ``dba`` password set to a random one at creation; the release is loaded
into it by ``mitoaki publish`` through its authenticated Graph Store endpoint (Digest).
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.test_serve import free_port

INI = """[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


@dataclass(frozen=True)
class Virtuoso:
    """A running Virtuoso: its SPARQL endpoint, its authenticated Graph Store endpoint, dba."""

    sparql: str
    graph_store: str
    user: str
    password: str


def required(tool: str) -> str:
    """The path of ``tool``; a skip where it is missing, a failure under CI."""
    found = shutil.which(tool)
    if found is None:
        message = f"{tool} is not installed (Debian package virtuoso-opensource)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}: .ci/run installs it")
        pytest.skip(message)
    return found


@contextmanager
def virtuoso(folder: Path) -> Iterator[Virtuoso]:
    """Virtuoso in ``folder`` on free loopback ports, stopped at the end of the block."""
    binary = required("virtuoso-t")
    http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        INI.format(folder=folder, sql_port=free_port(), http_port=http_port), encoding="utf-8"
    )
    password = secrets.token_hex(8)
    # a first run creates the database, sets the dba password and exits
    subprocess.run(
        [binary, "+configfile", str(ini), "+foreground", "+pwdold", "dba", "+pwddba", password],
        cwd=folder,
        capture_output=True,
        timeout=120,
        check=True,
    )
    with (folder / "server.log").open("wb") as log:
        process = subprocess.Popen(
            [binary, "+configfile", str(ini), "+foreground"], cwd=folder, stdout=log, stderr=log
        )
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait(f"{base}/sparql?query=ASK%7B%7D", process, folder)
        yield Virtuoso(f"{base}/sparql", f"{base}/sparql-graph-crud-auth", "dba", password)
    finally:
        process.terminate()
        process.wait(timeout=60)


def _wait(url: str, process: subprocess.Popen[bytes], folder: Path, seconds: float = 90) -> None:
    """Wait until Virtuoso answers ``url``; its log in the error if it stops or never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.2)
    log = (folder / "server.log").read_text(encoding="utf-8", errors="replace")[-2000:]
    raise RuntimeError(f"Virtuoso did not start (exit {process.poll()}):\n{log}")
