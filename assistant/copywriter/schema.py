"""The structured landing-page copy a writer (LLM or offline templates) must produce, with hard length limits.

Limits are in characters (the same for EN and JA): search engines cut titles near 60 and descriptions near
155 characters, and a page layout only holds so much headline. The model sees these limits in the JSON schema
and a draft that breaks them fails validation instead of breaking the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Language = Literal["en", "ja"]

HEADLINE_MAX = 80
SUBHEADLINE_MAX = 160
BULLET_MAX = 140
PARAGRAPH_MAX = 700
CTA_MAX = 32
SEO_TITLE_MAX = 60
META_DESCRIPTION_MAX = 155
MIN_BULLETS, MAX_BULLETS = 3, 5
MIN_PARAGRAPHS, MAX_PARAGRAPHS = 1, 4


Bullet = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=BULLET_MAX)]
Paragraph = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=PARAGRAPH_MAX)]


class LandingCopy(BaseModel):
    """Landing-page copy for one product, hotel, destination, mobile plan or a campaign over several products."""

    model_config = ConfigDict(extra="forbid")

    headline: str = Field(min_length=3, max_length=HEADLINE_MAX, description="The page's one h1 headline.")
    subheadline: str = Field(min_length=3, max_length=SUBHEADLINE_MAX, description="One sentence under it.")
    bullets: list[Bullet] = Field(
        min_length=MIN_BULLETS, max_length=MAX_BULLETS,
        description=f"{MIN_BULLETS}-{MAX_BULLETS} benefit bullets, each at most {BULLET_MAX} characters.",
    )
    body: list[Paragraph] = Field(
        min_length=MIN_PARAGRAPHS, max_length=MAX_PARAGRAPHS,
        description=f"{MIN_PARAGRAPHS}-{MAX_PARAGRAPHS} body paragraphs, each at most {PARAGRAPH_MAX} characters.",
    )
    cta: str = Field(min_length=2, max_length=CTA_MAX, description="Call-to-action button label.")
    seo_title: str = Field(min_length=3, max_length=SEO_TITLE_MAX, description="<title>, at most 60 characters.")
    meta_description: str = Field(
        min_length=10, max_length=META_DESCRIPTION_MAX, description="Meta description, at most 155 characters."
    )

    def fields(self) -> Iterator[tuple[str, str]]:
        """Every piece of text with a stable field path ("bullets[2]"), in reading order."""
        yield "headline", self.headline
        yield "subheadline", self.subheadline
        for i, text in enumerate(self.bullets):
            yield f"bullets[{i}]", text
        for i, text in enumerate(self.body):
            yield f"body[{i}]", text
        yield "cta", self.cta
        yield "seo_title", self.seo_title
        yield "meta_description", self.meta_description

    def get_field(self, path: str) -> str:
        return dict(self.fields())[path]

    def with_field(self, path: str, text: str | None) -> LandingCopy:
        """A copy with one field replaced (or, for a list item, removed when `text` is None)."""
        data = self.model_dump()
        if "[" in path:
            name, index = path[:-1].split("[")
            items: list[str] = data[name]
            if text is None:
                items.pop(int(index))
            else:
                items[int(index)] = text
        else:
            data[path] = text
        return LandingCopy.model_validate(data)
