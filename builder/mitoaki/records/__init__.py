"""The curated records: schema, loading, anchors in the documents, term grounding."""
