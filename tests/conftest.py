"""Fixtures shared by the whole suite: the seed graph is built once per session."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(autouse=True, scope="session")
def _isolated_user_dirs(tmp_path_factory):
    """Never touch the developer's own store, history or config."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[var] = str(home / var.lower())
    os.environ["KG_STORE"] = str(home / "default-store")
    os.environ.pop("KG_ENDPOINT", None)
    yield


@pytest.fixture(scope="session")
def seed_store_path(tmp_path_factory) -> Path:
    """A store built from seeds/ by the real extractor; treat it as read-only (copy it to change it)."""
    from graph.build import build
    from graph.store import open_store

    path = tmp_path_factory.mktemp("seed-store")
    with open_store(path, writable=True, create=True) as store:
        report = build([str(SEEDS)], store)
    assert not report.errors and len(report.built) == 5
    return path


@pytest.fixture
def seed_store(seed_store_path):
    from graph.store import open_store

    with open_store(seed_store_path) as store:
        yield store


def copy_store(source: Path, destination: Path) -> Path:
    """A private, writable copy of a store folder (without the lock file of its readers)."""
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns("lock"))
    return destination


@pytest.fixture
def seed_store_copy(seed_store_path, tmp_path) -> Path:
    return copy_store(seed_store_path, tmp_path / "store")


@dataclass
class Result:
    exit_code: int
    out: str
    err: str


@pytest.fixture
def kg(capsys):
    """Run the `kg` command in-process, as a user would from the shell, and capture what it prints."""
    from graph.cli import main

    def run(*args: str) -> Result:
        capsys.readouterr()
        try:
            main([str(arg) for arg in args])
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
