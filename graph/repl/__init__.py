"""The interactive SPARQL shell (`kg shell`), laid out like litecli: one job per module.

`main.Shell` ties the parts together; `kg query` reuses its batch path.
"""
