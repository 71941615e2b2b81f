"""Using a release: its store, questions, Table 1, the endpoint, publishing."""
