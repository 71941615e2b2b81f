"""Records become the knowledge base's triples; the ontology's rules type them."""
