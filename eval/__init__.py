"""The evaluation suite, driving the assistant from outside like a user: scenario files and their loader,
the runner (trials into a run folder), metrics, grounding and overlap checks, the HTML/Markdown report, run
comparison, the QA tab, and the `assistant eval` command (registered through an entry point).
"""
