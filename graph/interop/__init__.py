"""Moving the graph in and out: RDF exports and imports, the SPARQL server, synthetic data for benchmarks."""
