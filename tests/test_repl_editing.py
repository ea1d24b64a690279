"""The editor's pure parts: tokenizer, syntax check, the Enter rule, the completion engine and completer."""

from __future__ import annotations

import pytest
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document
from test_repl_helpers import small_store, small_store_path  # noqa: F401  (fixtures)

from graph import sparql_text
from graph.repl.buffer import is_complete, should_submit
from graph.repl.completer import KgCompleter, fuzzy
from graph.repl.completion_engine import suggest
from graph.repl.index import CompletionIndex, compact, fold
from graph.repl.syntax import check


# -- tokenizer ---------------------------------------------------------------------------------

def test_brackets_inside_strings_iris_and_comments_do_not_count():
    assert sparql_text.brackets_balanced('SELECT * { ?s ?p "}{" }')
    assert sparql_text.brackets_balanced("SELECT * { ?s ?p <http://x/a(b> } # {")
    assert not sparql_text.brackets_balanced("SELECT * { ?s ?p ?o")
    assert not sparql_text.brackets_balanced('SELECT * { ?s ?p "open }')


def test_operation_skips_the_prologue():
    assert sparql_text.operation("PREFIX x: <http://x/>\n# c\nselect * {}") == "SELECT"
    assert sparql_text.is_update("PREFIX x: <http://x/> INSERT DATA { x:a x:b x:c }")
    assert not sparql_text.is_update("ASK {}")
    assert sparql_text.operation("# c\n  with <http://g/> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }") == "WITH"
    assert sparql_text.operation("BASE <http://b/> PREFIX : <http://x/> DESCRIBE<http://x/a>") == "DESCRIBE"
    assert sparql_text.operation("?s ?p ?o") is None and sparql_text.operation("  # nothing") is None


def test_a_triple_ending_dot_is_not_part_of_the_name():
    names = [t.text for t in sparql_text.tokens("{ ?s kg:founded e:xai. }") if t.kind == "pname"]
    assert names == ["kg:founded", "e:xai"]


def test_unknown_prefixes_ignore_declared_ones():
    assert sparql_text.unknown_prefixes("PREFIX ex: <http://x/> SELECT * { ex:a shema:b e:c }") == ["shema"]


# -- syntax check ------------------------------------------------------------------------------

def test_valid_queries_and_updates_pass():
    assert check("SELECT ?s WHERE { ?s a kg:Person }") is None
    assert check("INSERT DATA { e:a kg:founded e:b }") is None


def test_syntax_error_has_line_column_and_what_was_expected():
    text = "SELECT *\nWHERE {\n  ?s kg:founded ?o "
    problem = check(text)
    assert (problem.line, problem.column) == (3, 20)
    assert problem.message.startswith("expected one of")
    assert '"}"' in problem.message and "[" not in problem.message  # no character-class noise
    assert problem.offset(text) == len(text)


def test_unknown_prefix_suggests_the_nearest_known_one():
    problem = check("SELECT * {\n ?s shema:name ?n }")
    assert str(problem) == "line 2, column 5: unknown prefix shema:; did you mean schema:?"


# -- the Enter rule ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "SELECT ?s WHERE { ?s kg:founded ?o }",
    ".help",
    "",
    "ASK { ?s ?p ?o }",
])
def test_complete_input(text):
    assert is_complete(text)


@pytest.mark.parametrize("text", [
    "SELECT ?s WHERE { ?s a kg:Person ;",  # `;` separates predicates: never submit on it
    "SELECT ?s WHERE {\n  ?s a\n}",  # balanced but does not parse
    "SELECT *",
    'SELECT * { ?s ?p "unfinished',
])
def test_incomplete_input(text):
    assert not is_complete(text)


def test_a_blank_line_forces_submission_so_the_error_can_be_shown():
    assert not should_submit("SELECT *")
    assert should_submit("SELECT *\n")
    assert should_submit("SELECT ?s { ?s ?p ?o }")
    assert should_submit("SELECT ?s { ?s ?p ?o }", cursor_at_end=False)
    assert not should_submit("SELECT *\n", cursor_at_end=False)


# -- completion engine -------------------------------------------------------------------------

def kinds(text: str) -> list[str]:
    return [s.kind for s in suggest(text, {".describe": ("entity",), ".why": ("entity", "relation", "entity")}).suggestions]


def test_class_after_a():
    assert kinds("SELECT * { ?s a ") == ["class"]
    assert kinds("SELECT * { ?s a kg:Pe") == ["class"]


def test_property_in_predicate_position():
    assert kinds("SELECT * { ?s ")[0] == "property"
    assert kinds("SELECT * { ?s kg:founded ?o ; ")[0] == "property"


def test_entity_in_subject_and_object_position():
    assert kinds("SELECT * { ")[0] == "entity"
    assert kinds("SELECT * { ?s kg:founded Sequ")[0] == "entity"
    assert suggest("SELECT * { ?s kg:founded Sequ").partial == "Sequ"
    assert kinds("SELECT * { ?s kg:founded ?o , ")[0] == "entity"


def test_keywords_and_variables_outside_braces():
    assert kinds("SEL") == ["keyword", "variable", "prefix"]
    assert kinds("SELECT * { ?s ?p ?o } ORDER BY ?") == ["variable"]


def test_nothing_inside_strings_or_comments():
    assert kinds('SELECT * { ?s rdfs:label "Seq') == []
    assert kinds("# a comment ") == []


def test_dot_commands_and_their_arguments():
    assert kinds(".desc") == ["special"]
    assert kinds(".describe Seq") == ["entity"]
    assert kinds(".why e:elon-musk ") == ["relation"]
    assert kinds(".why e:elon-musk founded x") == ["entity"]


# -- completion index and completer ------------------------------------------------------------

@pytest.fixture(scope="module")
def index(small_store_path):
    from graph.store import open_store

    with open_store(small_store_path) as store:
        return CompletionIndex.build(store)


def completions(index, text):
    completer = KgCompleter(index=lambda: index, specials={".describe": "Show an entity", ".help": "Help"},
                            arg_kinds={".describe": ("entity",)},
                            sources={"relation": lambda: [("founded", "relation")]})
    return list(completer.get_completions(Document(text, len(text)), CompleteEvent()))


def test_entity_by_label_offers_key_label_and_type(index):
    found = completions(index, "SELECT * { ?s kg:investedIn Sequ")
    first = found[0]
    assert first.text == "e:sequoia-capital"
    assert first.start_position == -4
    assert first.display_meta_text == "Sequoia Capital · InvestmentFund"


def test_entity_match_ignores_accents_and_case(index):
    assert completions(index, "SELECT * { SOCIETE")[0].text == "e:societe-generale"
    assert [e.name for e in index.find_entities("musk")] == ["e:elon-musk"]
    assert index.find_entities("x.ai")[0].name == "e:xai"  # by alias


def test_properties_come_with_counts(index):
    found = completions(index, "SELECT * { ?s kg:fou")
    assert found[0].text == "kg:founded"
    assert found[0].display_meta_text == "2 triples"


def test_classes_after_a(index):
    found = [c.text for c in completions(index, "SELECT * { ?s a Pers")]
    assert found[0] == "kg:Person"


def test_variables_already_used(index):
    found = [c.text for c in completions(index, "SELECT ?org WHERE { ?person kg:founded ?org } ORDER BY ?o")]
    assert found[0] == "?org" and "?o" not in found


def test_dot_command_names_and_entity_arguments(index):
    assert [c.text for c in completions(index, ".des")] == [".describe"]
    assert completions(index, ".describe Micro")[0].text == "e:microsoft"


def test_fuzzy_ranks_prefix_then_substring_then_letters_in_order():
    pairs = [("kg:ceoOf", ""), ("kg:founded", ""), ("kg:investedIn", ""), ("schema:mentions", "")]
    assert [t for t, _ in fuzzy("in", pairs)] == ["kg:investedIn", "schema:mentions"]
    assert [t for t, _ in fuzzy("kg:fd", pairs)] == ["kg:founded"]
    assert fuzzy("", pairs) == pairs


def test_compact_and_fold():
    assert compact("https://w3id.org/newsgraph/entity/xai") == "e:xai"
    assert compact("http://example.org/a b") == "<http://example.org/a b>"
    assert fold("Société Générale") == "societe generale"


# -- highlighting ------------------------------------------------------------------------------

def test_lexer_marks_dot_commands_and_sparql():
    from pygments.token import Keyword, Name

    from graph.repl.lexer import KgSparqlLexer

    lexer = KgSparqlLexer()
    assert (Keyword.Pseudo, ".describe") in list(lexer.get_tokens(".describe e:xai\n"))
    tokens = list(lexer.get_tokens("SELECT ?s WHERE { ?s kg:founded e:xai }\n"))
    assert (Keyword, "SELECT") in tokens
    assert any(kind in Name.Variable and text == "?s" for kind, text in tokens)
