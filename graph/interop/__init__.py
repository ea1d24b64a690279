"""Moving the graph in and out: RDF exports and imports, and the SPARQL server."""
