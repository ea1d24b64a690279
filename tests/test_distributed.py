"""`kg build -j 2` (two local processes) and `kg build --dask` (a LocalCluster of two worker
processes) write exactly the graph of a one-process build, into the embedded store or a SPARQL server."""

from __future__ import annotations

import sys

import pytest

from conftest import SEEDS
from graph import distributed
from graph.distributed import build_on_dask
from graph.interop.server import free_port
from graph.namespaces import META_GRAPH, PROV
from graph.store import ChangeSet, open_store
from graph.store.remote import RemoteStore
from interop_support import oxigraph_server, remote, store_quads  # noqa: F401  (fixtures)


@pytest.fixture(scope="session")
def scheduler():
    """The address of a local Dask scheduler with two single-threaded worker processes."""
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_a_dask_build_writes_the_graph_of_a_one_process_build(scheduler, seed_store_path, tmp_path, kg):
    result = kg("build", SEEDS, "--dask", scheduler, "--store", tmp_path / "store")
    assert result.exit_code == 0, result.err
    assert "5 article(s) built" in result.out
    one_process = set(store_quads(seed_store_path))
    assert len(one_process) > 100 and any(q.predicate.value == PROV + "wasDerivedFrom" for q in one_process)
    assert set(store_quads(tmp_path / "store")) == one_process


def test_a_build_over_two_local_processes_writes_the_graph_of_a_one_process_build(seed_store_path, tmp_path, kg):
    result = kg("build", SEEDS, "-j", "2", "--store", tmp_path / "store")
    assert result.exit_code == 0, result.err
    assert "5 article(s) built" in result.out
    assert set(store_quads(tmp_path / "store")) == set(store_quads(seed_store_path))


def test_a_dask_rebuild_of_unchanged_articles_does_no_work(scheduler, seed_store_copy, kg):
    before = set(store_quads(seed_store_copy))
    result = kg("build", SEEDS, "--dask", scheduler, "--store", seed_store_copy)
    assert result.exit_code == 0, result.err
    assert "0 article(s) built, 5 unchanged" in result.out
    assert set(store_quads(seed_store_copy)) == before


def test_with_a_sparql_server_workers_send_the_article_graphs_themselves(scheduler, remote, seed_store_path, monkeypatch):
    sent_by_client: list[ChangeSet] = []
    apply = RemoteStore.apply
    # Only the client process is patched: what it sends is recorded, the workers are left alone.
    monkeypatch.setattr(RemoteStore, "apply", lambda self, changes: (sent_by_client.append(changes), apply(self, changes)))
    with open_store(endpoint=remote["query"], update_endpoint=remote["update"], writable=True) as store:
        report = build_on_dask([str(SEEDS)], store, scheduler)
        on_server = set(store.quads())
    assert len(report.built) == 5
    assert on_server == set(store_quads(seed_store_path))
    assert sent_by_client and not any(changes.articles for changes in sent_by_client)
    assert len({q.graph_name.value for q in on_server} - {META_GRAPH}) == 5


def test_a_shard_of_a_dask_build_holds_only_its_articles(scheduler, seed_store_path, tmp_path, kg):
    halves = []
    for shard in ("1/2", "2/2"):
        store = tmp_path / shard.replace("/", "-")
        assert kg("build", SEEDS, "--dask", scheduler, "--shard", shard, "--store", store).exit_code == 0
        with open_store(store) as opened:
            halves.append(set(opened.named_graphs()))
    with open_store(seed_store_path) as opened:
        everything = set(opened.named_graphs())
    assert halves[0] | halves[1] == everything and len(halves[0] & halves[1]) == 1  # the meta graph


def test_an_unreachable_scheduler_is_one_clear_line(tmp_path, kg, monkeypatch):
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", "1s")
    address = f"tcp://127.0.0.1:{free_port()}"
    result = kg("build", SEEDS, "--dask", address, "--store", tmp_path / "store")
    assert result.exit_code == 1
    assert result.err.startswith(f"kg: error: cannot reach the Dask scheduler at {address}")
    assert len(result.err.strip().splitlines()) == 1


def test_without_dask_installed_the_error_says_how_to_get_it(tmp_path, kg, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    result = kg("build", SEEDS, "--dask", "tcp://127.0.0.1:1", "--store", tmp_path / "store")
    assert result.exit_code == 1
    assert "pip install 'newsgraph[dask]'" in result.err


def test_a_worker_with_another_extractor_refuses_the_work():
    with pytest.raises(distributed.ExtractorMismatch, match="install the same newsgraph on every worker"):
        distributed.extract_batch([], version="0000000000000000")


def test_jobs_and_dask_do_not_combine(tmp_path, kg):
    result = kg("build", SEEDS, "--dask", "tcp://127.0.0.1:1", "-j", "2", "--store", tmp_path / "store")
    assert result.exit_code == 2
    assert "-j and --dask do not combine" in result.err
