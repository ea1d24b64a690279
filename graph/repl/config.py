"""Where the shell keeps its files: history in the XDG data directory, saved queries in the XDG
config directory (both under `newsgraph/`)."""

from __future__ import annotations

from pathlib import Path


def history_file() -> Path:
    from platformdirs import user_data_path

    return user_data_path("newsgraph") / "shell-history"


def saved_queries_dir() -> Path:
    from platformdirs import user_config_path

    return user_config_path("newsgraph") / "queries"
