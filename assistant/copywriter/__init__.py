"""The marketer's copy studio: landing-page copy grounded in catalogue facts, every claim checked.

brief.py (brief, brand voices) -> facts.py (fact sheet, points quoted by the rules engine) -> generate.py /
compose.py (LLM structured output or offline templates) -> claims.py + check.py (extract and verify every
claim) -> fix.py (regenerate or remove flagged claims) -> page.py (HTML / Markdown / JSON); studio.py runs the
whole flow for the CLI (`assistant copy`), the web tab (ui.py) and `bench/copy.py`.
"""

from assistant.copywriter.brief import BrandVoice, BriefError, CampaignBrief, load_voices, make_brief
from assistant.copywriter.check import ClaimChecker, ClaimReport, Verdict
from assistant.copywriter.claims import Claim, extract_claims
from assistant.copywriter.facts import DataSetFacts, FactSheet, ServicesFacts, build_fact_sheet
from assistant.copywriter.fix import fix_copy
from assistant.copywriter.schema import LandingCopy
from assistant.copywriter.studio import CopyStudio, StudioResult, Variant

__all__ = [
    "BrandVoice", "BriefError", "CampaignBrief", "Claim", "ClaimChecker", "ClaimReport", "CopyStudio",
    "DataSetFacts", "FactSheet", "LandingCopy", "ServicesFacts", "StudioResult", "Variant", "Verdict",
    "build_fact_sheet", "extract_claims", "fix_copy", "load_voices", "make_brief",
]
