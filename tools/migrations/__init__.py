"""Alembic migrations of the one schema in `tools/tables.py` (run at start by `tools/schema.py`).

A schema change is `alembic revision --autogenerate -m "..."` (alembic.ini at the repository root points
here), reviewed by hand, plus a test; never an edit of a revision that has shipped.
"""
