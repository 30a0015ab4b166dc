"""What tests and benchmarks share to drive the assistant from outside: a scripted chat model, small
hand-made data sets built from the schema models, and the agent tests' world with its seeding.

It sits outside the product layers, beside `eval` and `bench`: it may import `assistant`, `tools` and
`data`, and nothing in `assistant`, `tools` or `retrieval` imports it (import-linter checks). It is not
under `tests/` because `bench/` must not import test modules, and not under `assistant/` because fakes
and fixtures are not part of the product.
"""
