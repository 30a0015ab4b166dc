"""Where a fact sheet's records come from: the seed data set (bench, tests) or the live catalogue (web app, CLI).

Both give the same things: a record by id, the programme's campaigns, today's date and the attribute
vocabulary of the whole catalogue (every value each attribute takes, in English and in Japanese), which the
claim check uses to tell an attribute claim ("a full-frame sensor") from ordinary words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, Protocol

from assistant.copywriter.brief import subject_kind
from data.schema import Campaign, Destination, Hotel, MobilePlan, PointsRules, Product
from tools.clock import Clock
from tools.errors import NotFound
from tools.points_rules import ActiveCampaign

Subject = Product | Hotel | Destination | MobilePlan


class CatalogueFacts(Protocol):
    """Where facts come from: the seed data set (bench, tests) or the live catalogue (web app, CLI)."""

    rules: PointsRules

    def subject(self, subject_id: str) -> Subject: ...

    def campaigns(self) -> list[ActiveCampaign]: ...

    def attribute_vocabulary(self) -> dict[str, list[str]]: ...

    def today(self) -> date: ...


class DataSetFacts:
    """Facts straight from data-set records (the generator's output or hand-built fixtures)."""

    def __init__(
        self,
        *,
        products: Sequence[Product] = (),
        hotels: Sequence[Hotel] = (),
        destinations: Sequence[Destination] = (),
        mobile_plans: Sequence[MobilePlan] = (),
        rules: PointsRules,
        campaigns: Sequence[Campaign] = (),
        today: date | None = None,
    ) -> None:
        self._by_id: dict[str, Subject] = {}
        items: list[Subject] = [*products, *hotels, *destinations, *mobile_plans]
        for item in items:
            self._by_id[item.id] = item
        self._products = list(products)
        self.rules = rules
        self._today = today or Clock().today()
        self._campaigns = [ActiveCampaign.from_seed(c, self._today) for c in campaigns]
        self._vocabulary: dict[str, list[str]] | None = None

    @classmethod
    def from_dataset(cls, dataset: object, today: date | None = None) -> DataSetFacts:
        from data.schema import DataSet

        assert isinstance(dataset, DataSet)
        return cls(products=dataset.products, hotels=dataset.hotels, destinations=dataset.destinations,
                   mobile_plans=dataset.mobile_plans, rules=dataset.points_rules, campaigns=dataset.campaigns,
                   today=today)

    def subject(self, subject_id: str) -> Subject:
        try:
            return self._by_id[subject_id]
        except KeyError:
            raise NotFound(f"No product, hotel, destination or mobile plan has the id {subject_id!r}.") from None

    def campaigns(self) -> list[ActiveCampaign]:
        return list(self._campaigns)

    def attribute_vocabulary(self) -> dict[str, list[str]]:
        if self._vocabulary is None:
            self._vocabulary = vocabulary_of(self._products)
        return self._vocabulary

    def today(self) -> date:
        return self._today


def vocabulary_of(products: Iterable[Product]) -> dict[str, list[str]]:
    return vocabulary_of_records(p.model_dump() for p in products)


def vocabulary_of_records(records: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    """Attribute key -> every value the catalogue uses for it, English keys and Japanese keys alike."""
    values: dict[str, set[str]] = {}
    for data in records:
        for field in ("attributes", "attributes_ja"):
            for key, value in (data.get(field) or {}).items():
                values.setdefault(key, set()).add(str(value))
    return {key: sorted(v) for key, v in values.items()}


class ServicesFacts:
    """Facts from the live catalogue database (`tools.services.Services`): what members see right now."""

    def __init__(self, services: Any) -> None:
        self.services = services
        self.rules = services.rules.rules
        self._vocabulary: dict[str, list[str]] | None = None

    def subject(self, subject_id: str) -> Subject:
        from tools.tables import DestinationRow, MobilePlanRow, ProductRow

        kind = subject_kind(subject_id)
        if kind == "hotel":
            hotel: Hotel = self.services.hotels.get_hotel(subject_id)
            return hotel
        table = {"product": ProductRow, "destination": DestinationRow, "mobile_plan": MobilePlanRow}[kind]
        with self.services.db.read() as session:
            row = session.get(table, subject_id)
            if row is None:
                raise NotFound(f"No {kind.replace('_', ' ')} has the id {subject_id!r}.")
            data = row.data
        if kind == "product":
            return Product.model_validate(data)
        if kind == "destination":
            return Destination.model_validate(data)
        return MobilePlan.model_validate(data)

    def campaigns(self) -> list[ActiveCampaign]:
        return list(self.services.rules.campaigns)

    def attribute_vocabulary(self) -> dict[str, list[str]]:
        if self._vocabulary is None:
            from sqlalchemy import select

            from tools.tables import ProductRow

            with self.services.db.read() as session:
                self._vocabulary = vocabulary_of_records(session.execute(select(ProductRow.data)).scalars())
        return self._vocabulary

    def today(self) -> date:
        today: date = self.services.clock.today()
        return today
