"""Word lists and hand-written facts the generator composes from (no randomness lives here)."""
