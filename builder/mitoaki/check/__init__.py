"""The knowledge base checked: the SHACL gate, its engines, the checks in parts."""
