"""The scale benchmark runs end to end on a tiny graph, so it does not rot between big runs."""

from __future__ import annotations

import json

from test_scale_gen import _load_bench_module


def test_the_scale_benchmark_measures_every_figure_and_draws_them(tmp_path, capsys):
    bench = _load_bench_module("bench_scale")
    results, plot = tmp_path / "results.json", tmp_path / "scale.png"
    bench.main(["--sizes", "1500", "--repeat", "1", "--data", str(tmp_path / "graphs"),
                "--results", str(results), "--plot", str(plot)])
    run = json.loads(results.read_text())
    size = run["sizes"]["1500"]
    assert size["quads"] >= 1500
    assert set(size["loads"]) == set(bench.LOADS)
    assert all(load["wall"] > 0 and load["rss_mb"] > 0 for load in size["loads"].values())
    assert {"kg stats", "kg shell: ready for input"} <= set(size["commands"])
    assert {"xai-investors", "2-hop neighbourhood of xAI"} <= set(size["queries"])
    assert size["queries"]["2-hop neighbourhood of xAI"]["rows"] > 0
    assert size["completion"]["entities"] > 10
    assert plot.read_bytes().startswith(b"\x89PNG")
    printed = capsys.readouterr().out
    assert "### 1500 (" in printed and "| kg stats |" in printed
