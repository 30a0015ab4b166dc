"""The data contract and its source: the schema models every layer reads (`schema.py`), the deterministic
generator of members, products, hotels, destinations, plans and campaigns (`generate.py`), its loader, and
the committed seed set in `generated/small` (its ids and English fields are a stable contract).
"""
