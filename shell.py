"""`python shell.py` is `kg shell`: the interactive SPARQL shell (the parts live in graph/repl/)."""

from graph.cli import main

if __name__ == "__main__":
    import sys

    main(["shell", *sys.argv[1:]])
