"""The domain: catalogue, hotels and bookings, the points ledger and its rules engine, mobile plans and
support, over one relational schema (`tables.py`, migrated by `schema.py`) on SQLite or PostgreSQL; and the
thin LangChain tools the agent calls (`agent_tools/`). It never imports `assistant`.
"""
