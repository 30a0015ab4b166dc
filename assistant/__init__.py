"""The member assistant itself: settings, the model factory (litellm or the offline engine), the agent and
its middleware, conversation memory and the turn service every front end calls, the copywriter, guardrails,
rate limits, and the front ends (web API and Gradio chat in `web/`, the `assistant` CLI in `commands/`).

It calls the domain through `tools` and search through `retrieval`; it never imports `eval` or `bench`.
"""

import os as _os

# litellm fetches its model price map from GitHub when first imported unless this is set: a network call at every
# start that the operator never asked for (on a machine without internet, ~7 s of retries). Set here, before
# anything below `assistant` can import litellm; an operator who wants the remote map sets it to False.
_os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
