"""`kg query`: one query from the argument, -f or stdin, in the shell's formats."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from test_repl_helpers import small_store_path  # noqa: F401  (fixture)

QUERY = "SELECT ?who ?what WHERE { ?who kg:founded ?what } LIMIT 1"


def test_table_is_the_default(kg, small_store_path):
    result = kg("query", "--store", small_store_path, QUERY)
    assert result.exit_code == 0, result.err
    assert "| e:elon-musk (Elon Musk) | e:xai (xAI) |" in result.out
    assert "row" not in result.out  # no footer: the output can be piped


def test_csv_tsv_json(kg, small_store_path):
    rows = list(csv.reader(io.StringIO(kg("query", "--store", small_store_path, "--format", "csv", QUERY).out)))
    assert rows == [["who", "what"], ["https://w3id.org/newsgraph/entity/elon-musk", "https://w3id.org/newsgraph/entity/xai"]]
    tsv = kg("query", "--store", small_store_path, "--format", "tsv", QUERY).out
    assert tsv.splitlines()[1].split("\t")[1] == "https://w3id.org/newsgraph/entity/xai"
    records = json.loads(kg("query", "--store", small_store_path, "--format", "json", QUERY).out)
    assert records == [{"who": "https://w3id.org/newsgraph/entity/elon-musk", "what": "https://w3id.org/newsgraph/entity/xai"}]


def test_query_file(kg, small_store_path, tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("# comment\nASK {\n  e:microsoft kg:partnersWith e:openai\n}\n", encoding="utf-8")
    result = kg("query", "--store", small_store_path, "-f", path)
    assert result.out == "yes\n"


def test_stdin(small_store_path):
    done = subprocess.run([sys.executable, "-m", "graph", "query", "--store", str(small_store_path), "--format", "csv"],
                          input="SELECT ?o WHERE { e:xai kg:develops ?o }", capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["o", "https://w3id.org/newsgraph/entity/grok"]


def test_construct_prints_turtle(kg, small_store_path):
    out = kg("query", "--store", small_store_path, "CONSTRUCT WHERE { ?s kg:develops ?o }").out
    assert "e:xai kg:develops e:grok" in out


def test_errors_are_one_line_with_status_1(kg, small_store_path):
    result = kg("query", "--store", small_store_path, "SELECT * WHERE { ?s shema:name ?o }")
    assert result.exit_code == 1
    assert result.err == "kg: error: syntax error at line 1, column 21: unknown prefix shema:; did you mean schema:?\n"


def test_network_refused_unless_allowed(kg, small_store_path):
    result = kg("query", "--store", small_store_path, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }")
    assert result.exit_code == 1 and "--allow-network" in result.err


def test_timeout_option(kg, small_store_path):
    result = kg("query", "--store", small_store_path, "--timeout", "0.1",
                "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    assert result.exit_code == 1 and "stopped after 0.1 s" in result.err


def test_empty_query_is_an_error(kg, small_store_path):
    result = kg("query", "--store", small_store_path, "  ")
    assert result.exit_code == 1 and "no query given" in result.err


def count(kg, store, sparql) -> int:
    result = kg("query", "--store", store, "--format", "csv", sparql)
    assert result.exit_code == 0, result.err
    return int(result.out.split()[1])


def test_from_gives_the_query_its_own_dataset(kg, small_store_path):
    in_a1 = count(kg, small_store_path, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH article:a1 { ?s ?p ?o } }")
    union = count(kg, small_store_path, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert 0 < in_a1 < union
    assert count(kg, small_store_path, "SELECT (COUNT(*) AS ?n) FROM article:a1 WHERE { ?s ?p ?o }") == in_a1
    assert count(kg, small_store_path, "SELECT (COUNT(*) AS ?n) FROM NAMED article:a1 WHERE { ?s ?p ?o }") == 0
    # FROM in a comment or a string names no dataset: the query keeps the union
    assert count(kg, small_store_path, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?o != 'FROM') } # FROM") == union
    assert count(kg, small_store_path, "# FROM article:a1\nSELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == union


def test_update_on_a_read_only_store_names_the_option_not_the_shell(kg, small_store_path):
    result = kg("query", "--store", small_store_path, "INSERT DATA { <http://a> <http://b> <http://c> }")
    assert result.exit_code == 1
    assert result.err == "kg: error: UPDATE refused: the store is open read-only (pass --writable to change the graph)\n"


LATIN1_QUERY = 'SELECT * WHERE { ?s ?p "café" }\n'.encode("latin-1")
NOT_UTF8 = "not valid UTF-8 (byte 0xe9 at line 1, byte offset 27)"


def test_a_query_file_that_is_not_utf8_is_one_line_naming_it(kg, small_store_path, tmp_path):
    query = tmp_path / "latin1.rq"
    query.write_bytes(LATIN1_QUERY)
    result = kg("query", "--store", small_store_path, "-f", query)
    assert result.exit_code == 1
    assert result.err == f"kg: error: {query}: {NOT_UTF8}; save it as UTF-8\n"


def test_stdin_that_is_not_utf8_is_one_line_naming_stdin(small_store_path):
    done = subprocess.run([sys.executable, "-m", "graph", "query", "--store", str(small_store_path)],
                          input=LATIN1_QUERY, capture_output=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.decode() == f"kg: error: stdin: {NOT_UTF8}; save it as UTF-8\n"


def test_a_missing_query_file_is_one_line(kg, small_store_path, tmp_path):
    result = kg("query", "--store", small_store_path, "-f", tmp_path / "nope.rq")
    assert result.exit_code == 1
    assert result.err == f"kg: error: cannot read {tmp_path / 'nope.rq'}: No such file or directory\n"
