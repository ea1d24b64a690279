"""newsgraph: a provenance-first knowledge graph of the AI industry, built from French news."""

__version__ = "0.1.0"
