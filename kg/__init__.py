"""The knowledge graph and everything that serves it: build, validation, store, CLI."""
