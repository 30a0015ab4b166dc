"""Destination tool: where to go in Japan for an interest and a month (weather and seasons included).

Uses `services.search.destinations` (hybrid retrieval) when the index is built; otherwise ranks the
destination guides in the database by word overlap with the fields a member can read (area, city,
prefecture, region, description, known for, activities) and by whether the month is one of their best.
Never the generator's `truth_tags`: they are the answer key relevance is judged by, and ranking on them
would make the retrieval measurement grade itself.
"""

from __future__ import annotations

import re
from typing import Any

from langchain.tools import ToolRuntime
from sqlalchemy import select

from data.schema import Destination
from tools.agent_tools.base import agent_tool, compact
from tools.agent_tools.context import AssistantContext
from tools.agent_tools.results import DestinationSearchResult
from tools.agent_tools.schemas import SearchDestinationsArgs
from tools.tables import DestinationRow

_WORD = re.compile(r"[\w']+")


def destination_view(d: Destination, month: int | None) -> dict[str, Any]:
    view: dict[str, Any] = {
        "destination_id": d.id,
        "area": d.area,
        "city": d.city,
        "prefecture": d.prefecture,
        "region": d.region,
        "known_for": d.known_for[:5],
        "activities": d.activities[:6],
        "best_months": d.best_months,
        "description": d.description[:400],
    }
    if month is not None:
        climate = next((c for c in d.climate if c.month == month), None)
        if climate is not None:
            view["weather"] = {
                "month": month,
                "avg_high_c": climate.avg_high_c,
                "avg_low_c": climate.avg_low_c,
                "rain_days": climate.rain_days,
                "note": climate.note,
            }
    return view


def _searchable_text(d: Destination) -> str:
    return " ".join([d.area, d.city, d.prefecture, d.region, d.description, *d.known_for, *d.activities])


@agent_tool("search_destinations", label="Finding destinations", untrusted_output=True, result=DestinationSearchResult)
def search_destinations(ctx: AssistantContext, args: SearchDestinationsArgs, runtime: ToolRuntime) -> Any:
    """Destinations in Japan matching what the trip is about, with what each is known for, activities, best
    months and, when a month is given, that month's weather. Use the ids with search_hotels (city)."""
    search = ctx.services.search
    if search is not None:
        hits = search.destinations.search(query=args.query, month=args.month, region=args.region, limit=args.limit)
        destinations = []
        for hit in hits:
            item = compact(hit)
            item.pop("score", None)
            item["destination_id"] = item.pop("id")
            destinations.append(item)
        return {"query": args.query, "month": args.month, "destinations": destinations}
    with ctx.services.db.read() as session:
        rows = session.execute(select(DestinationRow).order_by(DestinationRow.id)).scalars().all()
        destinations = [Destination.model_validate(r.data) for r in rows]
    wanted = {w for w in _WORD.findall(args.query.lower()) if len(w) > 2}
    scored = []
    for d in destinations:
        if args.region and d.region != args.region:
            continue
        score = len(wanted & set(_WORD.findall(_searchable_text(d).lower())))
        if args.month and args.month in d.best_months:
            score += 1
        scored.append((score, d))
    scored.sort(key=lambda item: (-item[0], item[1].id))
    picks = [destination_view(d, args.month) for score, d in scored if score > 0][: args.limit]
    return {"query": args.query, "destinations": picks}


TOOLS = [search_destinations]
