"""Handbook generator: rubric.yaml and transcript notes → a cross-linked MkDocs site."""
