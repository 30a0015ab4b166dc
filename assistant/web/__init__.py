"""The web front ends: the OpenAI-compatible API, the Gradio member chat and the marketer / QA tabs.

Everything here is a thin adapter over `assistant.conversation.Conversations` and the turn events in
`assistant.events`: the member comes from the bearer key or the signed-in session, never from the model.
`app.py` builds one `WebState` and mounts the routers and the Gradio Blocks made from it. The service runs
without outside network, so every Blocks is built with `analytics_enabled=False` (importing this package
changes no environment variable).
"""
