"""Sub-commands of the `assistant` CLI, one module each."""
