"""Running queries and every dot-command through the Shell, on the small hand-written graph."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
from test_repl_helpers import small_store, small_store_path, writable_store_path  # noqa: F401  (fixtures)

from graph.repl.executor import Executor, QueryTimeout
from graph.sparql_guard import QueryRefused
from graph.repl.formatter import render
from graph.repl.main import Shell
from graph.repl.output import Printer


class Session:
    """A shell whose output and errors are captured."""

    def __init__(self, store, **options):
        self.out, self.err = io.StringIO(), io.StringIO()
        self.shell = Shell(store, printer=Printer(self.out, self.err, interactive=True), **options)

    def run(self, text: str) -> str:
        self.out.seek(0), self.out.truncate()
        self.err.seek(0), self.err.truncate()
        self.ok = self.shell.execute(text)
        return self.out.getvalue()

    @property
    def error(self) -> str:
        return self.err.getvalue()


@pytest.fixture
def session(small_store):
    return Session(small_store)


# -- queries and formats -----------------------------------------------------------------------

def test_select_prints_a_table_with_compact_iris_labels_and_a_footer(session):
    out = session.run("SELECT ?who WHERE { ?who kg:investedIn e:xai }")
    assert "e:sequoia-capital (Sequoia Capital)" in out
    assert "https://" not in out
    assert "1 row in " in out and " ms" in out


def test_timing_off_hides_the_footer(session):
    session.run(".timing off")
    assert "row" not in session.run("SELECT ?who WHERE { ?who kg:investedIn e:xai }").splitlines()[-1]


def test_vertical_csv_tsv_json_jsonl(session):
    query = "SELECT ?who ?c WHERE { ?claim rdf:subject ?who ; rdf:object e:xai ; kg:confidence ?c ; rdf:predicate kg:investedIn } ORDER BY ?c"
    session.run(".timing off")
    session.run(".format vertical")
    assert "who: e:nvidia (Nvidia)" in session.run(query)
    session.run(".format csv")
    assert session.run(query).splitlines() == [
        "who,c", "https://w3id.org/newsgraph/entity/nvidia,0.5", "https://w3id.org/newsgraph/entity/sequoia-capital,0.8"]
    session.run(".format tsv")
    assert session.run(query).splitlines()[1] == "https://w3id.org/newsgraph/entity/nvidia\t0.5"
    session.run(".format json")
    assert json.loads(session.run(query))[0] == {"who": "https://w3id.org/newsgraph/entity/nvidia", "c": 0.5}
    session.run(".format jsonl")
    lines = session.run(query).splitlines()
    assert [json.loads(line)["c"] for line in lines] == [0.5, 0.8]


def test_unknown_format_is_refused(session):
    session.run(".format xml")
    assert not session.ok and "unknown format 'xml'" in session.error


def test_ask_construct_and_describe(session):
    assert session.run("ASK { e:elon-musk kg:sued e:openai }").startswith("yes")
    turtle = session.run("CONSTRUCT { ?s kg:sued ?o } WHERE { ?s kg:sued ?o }")
    assert "e:elon-musk kg:sued e:openai" in turtle and "@prefix" in turtle
    assert "kg:develops" in session.run("DESCRIBE e:xai")


def test_syntax_error_is_one_line_with_position(session):
    session.run("SELECT * WHERE { ?s ?p }")
    assert session.error.startswith("kg: error: syntax error at line 1, column 25: expected")
    assert session.error.count("\n") == 1


def test_empty_result_names_the_iri_that_is_not_in_the_graph(session):
    out = session.run("SELECT ?x WHERE { e:sequoia kg:investedIn ?x }")
    assert "e:sequoia does not occur in the graph; did you mean e:sequoia-capital?" in out


def test_updates_are_refused_read_only(session):
    session.run("INSERT DATA { e:a kg:founded e:b }")
    assert "UPDATE refused" in session.error and "--writable" in session.error


def test_updates_run_with_a_writable_store(writable_store_path):
    from graph.store import open_store

    with open_store(writable_store_path, writable=True) as store:
        session = Session(store)
        assert session.run("INSERT DATA { GRAPH e:g { e:a kg:founded e:b } }").startswith("OK")
        assert session.run("ASK { e:a kg:founded e:b }").startswith("yes")


@pytest.mark.parametrize("query, word", [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }", "FROM"),
    ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM"),
    ("select * from <http://example.org/data.ttl> where { ?s ?p ?o }", "FROM"),
    ("# first a comment\nSELECT * WHERE { ?s ?p ?o\nservice <http://example.org/sparql> {} }", "SERVICE"),
    ("SELECT * WHERE { Service <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("  \n\tselect * From <http://example.org/data.ttl> WHERE { ?s ?p ?o }", "FROM"),
    ("PREFIX ex: <http://example.org/>\nSELECT * FROM ex:data WHERE { ?s ?p ?o }", "FROM"),
    ("ASK { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
])
def test_network_and_file_access_is_refused(small_store, query, word):
    with pytest.raises(QueryRefused, match=f"^{word} .*--allow-network"):
        Executor(small_store).run(query)


def test_from_a_graph_of_the_store_is_allowed(small_store):
    result = Executor(small_store).run("SELECT ?s FROM article:a2 WHERE { ?s kg:sued ?o }")
    assert len(result.rows) == 1


def test_timeout_stops_a_runaway_query(small_store):
    executor = Executor(small_store, timeout=0.2)
    with pytest.raises(QueryTimeout, match="stopped after 0.2 s"):
        executor.run("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    assert len(executor.run("SELECT * WHERE { ?s kg:sued ?o }").rows) == 1  # still usable


# Run in a child process: the abandoned cartesian product keeps a core busy until its process ends.
CTRL_C_SCRIPT = """
import os, signal, sys, threading, time
from graph.repl.executor import Executor, QueryCancelled
from graph.store import open_store

# a test run started in the background inherits an ignored SIGINT; the shell's users press Ctrl-C
signal.signal(signal.SIGINT, signal.default_int_handler)
with open_store(sys.argv[1]) as store:
    executor = Executor(store, timeout=None)
    # by then the query is on the worker and the main thread waits for it
    threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT)).start()
    started = time.monotonic()
    try:
        executor.run("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    except QueryCancelled as error:
        print(error, time.monotonic() - started)
    print(len(executor.run("SELECT * WHERE { ?s kg:sued ?o }").rows))
"""


def test_ctrl_c_cancels_a_runaway_query_and_the_executor_stays_usable(small_store_path):
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    done = subprocess.run([sys.executable, "-c", CTRL_C_SCRIPT, str(small_store_path)],
                          capture_output=True, text=True, cwd=repo, timeout=300)
    assert done.returncode == 0, done.stderr
    cancelled, rows = done.stdout.splitlines()
    message, seconds = cancelled.rsplit(" ", 1)
    assert message == "query cancelled" and float(seconds) < 30  # the product alone takes minutes
    assert rows == "1"


def test_render_of_unbound_values_and_blank_result(small_store):
    result = Executor(small_store).run("SELECT ?s ?missing WHERE { ?s kg:sued ?o OPTIONAL { ?s kg:nothing ?missing } }")
    assert json.loads(render(result, "json")) == [{"s": "https://w3id.org/newsgraph/entity/elon-musk", "missing": None}]


# -- dot-commands ------------------------------------------------------------------------------

def test_help_lists_every_command_and_explains_one(session):
    from graph.repl.special import COMMANDS

    out = session.run(".help")
    for name in {command.name for command in COMMANDS.values()}:
        assert name in out
    assert "every relation in and out" in session.run(".help describe")


def test_prefixes(session):
    assert "https://w3id.org/newsgraph/entity/" in session.run(".prefixes")


def test_classes(session):
    out = session.run(".classes")
    assert "kg:Person" in out and "kg:Claim" in out


def test_relations(session):
    line = next(line for line in session.run(".relations").splitlines() if "kg:founded" in line)
    assert line.split("|")[2:4] == [" 1       ", " 2        "]


def test_entities_with_and_without_filter(session):
    assert "e:memphis" in session.run(".entities")
    out = session.run(".entities sequ")
    assert "Sequoia Capital" in out and "e:xai" not in out


def test_describe_shows_types_labels_relations_and_sources(session):
    out = session.run(".describe xAI")
    assert "kg:Company" in out and "X.AI Corp" in out
    assert "kg:founded" in out and "e:elon-musk (Elon Musk)" in out
    assert "Hedged" in out  # claims that make no edge still show, with their modality
    assert "xAI lève six milliards de dollars" in out and "Musk attaque OpenAI en justice" in out


def test_describe_unknown_entity_hints(session):
    session.run(".describe Sequoya")
    assert "did you mean" in session.error


def test_why_lists_claims_with_provenance(session):
    out = session.run(".why e:elon-musk founded xAI")
    assert "«Elon Musk a fondé xAI en 2023.»" in out
    assert "article:a1 · xAI lève six milliards de dollars · chars 0–30 · Asserted · confidence 0.90" in out
    assert "«Musk, fondateur de xAI, conteste.»" in out


def test_why_shows_who_a_reported_claim_is_attributed_to(session):
    assert "according to e:bloomberg" in session.run(".why Sequoia investedIn xAI")


def test_why_needs_three_arguments(session):
    session.run(".why e:xai")
    assert "usage: .why SUBJECT RELATION OBJECT" in session.error


def test_sources(session):
    out = session.run(".sources")
    assert "article:a1" in out and "Le Quotidien" in out and "2024-03-01" in out


def test_stats(session):
    out = session.run(".stats")
    assert "claims per modality" in out and "Hedged" in out


def test_explain_shows_the_plan_and_the_run(session):
    out = session.run(".explain SELECT ?s WHERE { ?s kg:founded e:xai }")
    assert "QuadPattern(?s kg:founded e:xai)" in out
    assert "executed on the graph: 2 rows in" in out


def test_output_and_once_send_results_to_files(session, tmp_path):
    target, single = tmp_path / "all.txt", tmp_path / "one.txt"
    session.run(".format csv")
    session.run(f".output {target}")
    session.run("SELECT ?s WHERE { ?s kg:sued ?o }")
    session.run("SELECT ?o WHERE { ?s kg:sued ?o }")
    session.run(".output")
    assert target.read_text().splitlines() == [
        "s", "https://w3id.org/newsgraph/entity/elon-musk", "o", "https://w3id.org/newsgraph/entity/openai"]
    session.run(f".once {single}")
    session.run("SELECT ?s WHERE { ?s kg:sued ?o }")
    assert "elon-musk" not in session.run("SELECT ?s WHERE { ?s kg:partnersWith ?o }")  # back on screen
    assert single.read_text().splitlines()[0] == "s"


def test_read_runs_a_file_of_queries_and_commands(session, tmp_path):
    script = tmp_path / "two.rq"
    script.write_text(".format csv\n# who sued\nSELECT ?s\nWHERE { ?s kg:sued ?o }\nSELECT ?o WHERE { ?s kg:develops ?o }\n")
    out = session.run(f".read {script}")
    assert "https://w3id.org/newsgraph/entity/elon-musk" in out and "https://w3id.org/newsgraph/entity/grok" in out
    session.run(".read /nonexistent/file.rq")
    assert "cannot read /nonexistent/file.rq" in session.error


def test_read_of_a_file_that_is_not_utf8_is_an_error_and_the_session_goes_on(session, tmp_path):
    script = tmp_path / "latin1.rq"
    script.write_bytes('ASK { ?s ?p "café" }\n'.encode("latin-1"))
    session.run(f".read {script}")
    assert not session.ok
    assert session.error == f"kg: error: {script}: not valid UTF-8 (byte 0xe9 at line 1, byte offset 16); save it as UTF-8\n"
    assert session.run("ASK { e:xai kg:develops e:grok }").startswith("yes")


def test_save_and_run_with_parameters(session):
    session.run("SELECT ?org WHERE { ?who kg:founded ?org }")
    assert "saved founded-by" in session.run(".save founded-by")
    assert "e:xai (xAI)" in session.run(".run founded-by ?who=e:elon-musk")
    assert "e:xai" not in session.run(".run founded-by ?who=e:microsoft")
    assert "founded-by" in session.run(".run")
    assert "deleted founded-by" in session.run(".unsave founded-by")
    assert "founded-by" not in session.run(".run")
    session.run(".unsave founded-by")
    assert "no saved query named 'founded-by'" in session.error


def test_run_resolves_entity_names_and_rejects_bad_parameters(session):
    session.run(".save sued SELECT ?defendant WHERE { ?plaintiff kg:sued ?defendant }")
    assert "e:openai" in session.run(".run sued '?plaintiff=Elon Musk'")
    session.run(".run sued plaintiff")
    assert "bad parameter 'plaintiff'" in session.error
    session.run(".run nothing-saved")
    assert "no saved query named 'nothing-saved'" in session.error


def test_saved_queries_live_in_the_config_directory(session, tmp_path):
    import os

    session.run(".save kept SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert (session.shell.saved.folder / "kept.rq").is_file()
    assert str(session.shell.saved.folder).startswith(os.environ["XDG_CONFIG_HOME"])


def test_examples_list_and_run(session):
    out = session.run(".examples")
    assert "Who invested in xAI?" in out and "hedged" in out
    assert "e:sequoia-capital (Sequoia Capital)" in session.run(".examples 1")
    assert "e:nvidia (Nvidia)" in session.run(".examples hedged")


def test_viz_without_the_viz_module_says_unavailable_or_writes_a_file(session, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    out = session.run(".viz")
    assert ("unavailable" in session.error) or ("wrote " in out)


def test_viz_of_a_runaway_construct_stops_at_the_timeout_and_the_shell_goes_on(session, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    session.shell.executor.timeout = 0.2
    session.run(".viz CONSTRUCT { ?a kg:founded ?i } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    assert "stopped after 0.2 s" in session.error
    assert "e:xai" in session.run("SELECT ?o WHERE { ?s kg:founded ?o }")


def test_quit_stops_the_session(session):
    session.run(".quit")
    assert session.ok and not session.shell.running


def test_unknown_command_suggests_a_close_one(session):
    session.run(".describ e:xai")
    assert "unknown command .describ; did you mean .describe?" in session.error


def test_store_errors_are_one_line(tmp_path):
    from graph.store import StoreError, open_store

    with pytest.raises(StoreError, match="run `kg build seeds/` first"):
        open_store(tmp_path / "nothing")


def test_save_refuses_a_query_that_does_not_parse(session):
    session.run(".save bad SELEC x")
    assert not session.ok
    assert session.error.startswith("kg: error: not saved as bad: syntax error at line 1, column ")
    assert "bad" not in session.run(".run")


def test_run_refuses_a_variable_the_query_does_not_use(session):
    session.run(".save founded-by SELECT ?org WHERE { ?who kg:founded ?org }")
    session.run(".run founded-by ?zzz=3")
    assert not session.ok
    assert session.error == "kg: error: the query has no variable ?zzz (its variables: ?org, ?who)\n"


def test_run_says_when_a_value_names_no_entity(session):
    session.run(".save founded-by SELECT ?org WHERE { ?who kg:founded ?org }")
    session.run(".run founded-by ?who=Nobody")
    assert "no entity is named 'Nobody', so it was matched as a string" in session.out.getvalue() + session.error
    session.run(".run founded-by '?who=Elon Muks'")
    assert "did you mean 'Elon Musk'?" in session.out.getvalue() + session.error
