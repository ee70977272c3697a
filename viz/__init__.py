"""Network views of the graph (pyvis): pure functions from a graph to HTML. See issue 5."""
