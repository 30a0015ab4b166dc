"""The member assistant itself: settings, the model factory (litellm or the offline engine), the agent and
its middleware, conversation memory and the turn service every front end calls, the copywriter, guardrails,
rate limits, and the front ends (web API and Gradio chat in `web/`, the `assistant` CLI in `commands/`).

It calls the domain through `tools` and search through `retrieval`; it never imports `eval` or `bench`.
"""
