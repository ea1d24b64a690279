"""`kg shell` without a terminal: -e, -f and piped stdin print results and exit with a status."""

from __future__ import annotations

import os
import subprocess
import sys

from test_repl_helpers import small_store_path  # noqa: F401  (fixture)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_shell(store, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """The real program in a child process, with stdin and stdout as pipes (no TTY)."""
    return subprocess.run(
        [sys.executable, os.path.join(REPO, "shell.py"), "--store", str(store), *args],
        input=stdin, capture_output=True, text=True, timeout=60, cwd=REPO,
    )


def test_execute_option_runs_queries_and_commands(kg, small_store_path):
    result = kg("shell", "--store", small_store_path, "-e", "SELECT ?o WHERE { e:elon-musk kg:sued ?o }",
                "-e", ".format csv", "-e", "SELECT ?o WHERE { e:elon-musk kg:sued ?o }")
    assert result.exit_code == 0, result.err
    assert "e:openai (OpenAI)" in result.out
    assert result.out.rstrip().endswith("o\nhttps://w3id.org/newsgraph/entity/openai")


def test_execute_failure_exits_with_status_1_and_one_line(kg, small_store_path):
    result = kg("shell", "--store", small_store_path, "-e", "SELECT ?o WHERE { e:elon-musk kg:sued ?o ")
    assert result.exit_code == 1
    assert result.err.startswith("kg: error: syntax error at line 1, column")
    assert "Traceback" not in result.err and result.err.count("\n") == 1


def test_file_option_runs_a_script(kg, small_store_path, tmp_path):
    script = tmp_path / "questions.rq"
    script.write_text(".format tsv\nSELECT ?who\nWHERE {\n  ?who kg:partnersWith ?other ;\n}\n", encoding="utf-8")
    result = kg("shell", "--store", small_store_path, "-f", script)
    assert result.exit_code == 0, result.err
    assert result.out.splitlines() == ["who", "https://w3id.org/newsgraph/entity/microsoft"]


def test_format_option(kg, small_store_path):
    result = kg("shell", "--store", small_store_path, "--format", "jsonl", "-e", "SELECT ?o WHERE { e:xai kg:develops ?o }")
    assert result.out == '{"o": "https://w3id.org/newsgraph/entity/grok"}\n'


def test_piped_stdin_runs_every_statement(small_store_path):
    done = run_shell(small_store_path, stdin=".format csv\nSELECT ?s WHERE { ?s kg:sued ?o }\nASK { e:xai kg:develops e:grok }\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["s", "https://w3id.org/newsgraph/entity/elon-musk", "yes"]


def test_piped_stdin_reports_failures_in_the_exit_status(small_store_path):
    done = run_shell(small_store_path, stdin="SELECT ?s WHERE { ?s kg:sued ?o }\n.zzzz\n")
    assert done.returncode == 1
    assert "elon-musk" in done.stdout
    assert done.stderr.strip() == "kg: error: stdin:2: unknown command .zzzz (type .help for the list)"


def test_update_needs_writable(kg, small_store_path):
    result = kg("shell", "--store", small_store_path, "-e", "DELETE WHERE { ?s ?p ?o }")
    assert result.exit_code == 1 and "UPDATE refused" in result.err


def test_missing_store_says_what_to_run(kg, tmp_path):
    result = kg("shell", "--store", tmp_path / "absent", "-e", "ASK {}")
    assert result.exit_code == 1
    assert result.err.strip() == f"kg: error: no graph at {tmp_path / 'absent'}: run `kg build seeds/` first (or pass --store)"


def test_locked_store_says_what_is_happening(kg, small_store_path):
    from graph.store import open_store

    copy_holder = open_store(small_store_path)  # a reader: a writer must wait
    try:
        result = kg("shell", "--store", small_store_path, "--writable", "-e", "ASK {}")
    finally:
        copy_holder.close()
    assert result.exit_code == 1 and "is locked" in result.err


def test_no_prompt_session_without_a_tty(small_store_path):
    """With stdin a pipe the shell must not start prompt_toolkit, which would fail or hang."""
    done = run_shell(small_store_path, stdin="ASK { ?s ?p ?o }\n")
    assert done.returncode == 0 and done.stdout == "yes\n" and "kg>" not in done.stdout


def test_the_shell_does_not_import_heavy_packages_at_start_up():
    code = ("import sys, graph.cli, graph.commands.shell_cmd, graph.commands.query_cmd, graph.repl.main, "
            "graph.repl.prompt, graph.repl.special; "
            "print(' '.join(m for m in ('spacy', 'rdflib', 'pyshacl') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_a_script_error_names_file_line_and_column_and_the_script_goes_on(kg, small_store_path, tmp_path):
    script = tmp_path / "questions.rq"
    script.write_text(".format csv\nSELECT ?s WHERE { ?s kg:sued ?o ?? }\nASK { e:xai kg:develops e:grok }\n"
                      "PREFIX x: <http://example.org/>\n\nSELEC ?s WHERE { ?s ?p ?o }\nASK { e:xai kg:sued e:grok }\n",
                      encoding="utf-8")
    result = kg("shell", "--store", small_store_path, "-f", script)
    assert result.exit_code == 1
    errors = result.err.splitlines()
    assert [line.split(": syntax error")[0] for line in errors] == [f"kg: error: {script}:2:37", f"kg: error: {script}:6:10"]
    assert result.out.splitlines() == ["yes", "no"]


def test_a_blank_line_inside_a_query_of_a_script_does_not_split_it(kg, small_store_path, tmp_path):
    script = tmp_path / "spaced.rq"
    script.write_text(".format csv\nSELECT ?s\n\nWHERE { ?s kg:sued ?o }\n", encoding="utf-8")
    result = kg("shell", "--store", small_store_path, "-f", script)
    assert result.exit_code == 0, result.err
    assert result.out.splitlines()[0] == "s"


def test_a_script_that_is_not_utf8_is_one_line_naming_it(kg, small_store_path, tmp_path):
    script = tmp_path / "latin1.rq"
    script.write_bytes('ASK { ?s ?p "café" }\n'.encode("latin-1"))
    result = kg("shell", "--store", small_store_path, "-f", script)
    assert result.exit_code == 1
    assert result.err == f"kg: error: {script}: not valid UTF-8 (byte 0xe9 at line 1, byte offset 16); save it as UTF-8\n"
    piped = subprocess.run([sys.executable, os.path.join(REPO, "shell.py"), "--store", str(small_store_path)],
                           input=script.read_bytes(), capture_output=True, timeout=60, cwd=REPO)
    assert piped.returncode == 1
    assert piped.stderr.decode() == "kg: error: stdin: not valid UTF-8 (byte 0xe9 at line 1, byte offset 16); save it as UTF-8\n"
