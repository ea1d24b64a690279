"""The README is the user's manual: its two opening commands and every `kg` example must match the CLI."""

from __future__ import annotations

import re
import shlex

import pytest

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(?:bash|console|sh)\n(.*?)```", README, flags=re.S)


def example_lines() -> list[str]:
    lines = []
    for block in BLOCKS:
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("kg "):
                lines.append(line.split("  #", 1)[0].split(" | ", 1)[0].strip())
    return lines


def test_readme_opens_with_make_shell_and_make_test():
    first_block = BLOCKS[0].splitlines()
    commands = [line.split("#", 1)[0].strip() for line in first_block if line.strip()]
    assert commands == ["make shell", "make test"]
    assert README.index("```") < README.index("\n## "), "the two commands come before any section"


def test_makefile_targets_do_what_the_readme_says():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^shell: .*build", makefile, flags=re.M)
    assert "kg build seeds/" in makefile and "kg shell" in makefile
    assert re.search(r"^test: .*setup-dev", makefile, flags=re.M) and "pytest" in makefile
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("line", example_lines())
def test_every_kg_example_uses_real_commands_and_options(kg, line):
    words = shlex.split(line)
    verb = words[1]
    result = kg(verb, "--help")
    assert result.exit_code == 0, f"`kg {verb}` does not exist ({line})"
    for word in words[2:]:
        option = word.split("=", 1)[0]
        if re.fullmatch(r"--?[A-Za-z][\w-]*", option):
            assert re.search(rf"(^|[\s,/]){re.escape(option)}\b", result.out), f"{option} is not an option of kg {verb}"
