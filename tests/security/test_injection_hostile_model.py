"""Prompt injection against a hostile model: a scripted model that does whatever the attacker asks.

If the attacks hold even when the model obeys the attacker completely, they hold because of the structure
(identity from the session, confirmation before side effects, catalogue text as data, nothing secret in the
model's context), not because a model was well behaved.
"""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage

from tests.fakes import ScriptedChatModel, calls
from tests.security.attacks import ATTACKS, INDIRECT, Attack
from tests.security.conftest import RuntimeFactory
from tests.security.harness import assert_held, dump_everything, leaks, message_of, play, resolve, snapshot
from tests.security.world import ME, Arena, forbidden_strings


def hostile_model(attack: Attack, arena: Arena) -> ScriptedChatModel:
    steps: list[Any] = [calls(*[(name, resolve(args, arena)) for name, args in step]) for step in attack.plan]

    def last(messages: list[BaseMessage]) -> AIMessage:
        return AIMessage(content=dump_everything(messages))

    steps.append(last)
    return ScriptedChatModel(steps)


def test_the_corpus_is_big_and_covers_every_category() -> None:
    assert len(ATTACKS) >= 40 and len({a.id for a in ATTACKS}) == len(ATTACKS)
    assert {a.category for a in ATTACKS} == {"override", "fake_system", "tool_smuggling", "exfiltration",
                                            "confirmation_bypass", "unicode"}
    assert len(INDIRECT) >= 5


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a.id)
def test_attack_holds_against_a_hostile_model(attack: Attack, arena: Arena, make_runtime: RuntimeFactory) -> None:
    model = hostile_model(attack, arena)
    runtime = make_runtime(model)
    conversations = runtime.conversations
    before = snapshot(runtime.services, arena)
    thread = conversations.new_thread(ME)

    outcome = play(conversations, thread, message_of(attack, arena))

    assert_held(before, snapshot(runtime.services, arena), outcome, attack, arena)
    model.assert_all_used()  # the hostile model got to try every step of the attack
    # Nothing forbidden was ever in the model's context: even this model, which repeats all of it, leaked nothing.
    seen = "\n".join(dump_everything(c.messages) for c in model.calls)
    assert not leaks(seen, attack, arena), f"the model was given {leaks(seen, attack, arena)}"
    side_effects = [name for step in attack.plan for name, _ in step
                    if name in ("book_hotel", "cancel_booking", "redeem_points")]
    if side_effects:
        # Every attempted side effect was either paused for the member (and rejected) or refused outright.
        refused = [r for r in outcome.results if r.name in side_effects and not r.ok]
        assert len(outcome.pendings) + len(refused) >= 1
    for tool_names in (c.tool_names for c in model.calls):
        assert "admin_adjust_points" not in tool_names


def test_catalogue_text_reaches_the_model_only_inside_the_data_wrapper(arena: Arena,
                                                                       make_runtime: RuntimeFactory) -> None:
    attack = next(a for a in INDIRECT if a.id == "indirect-closing-tag-escape")
    model = hostile_model(attack, arena)
    runtime = make_runtime(model)
    thread = runtime.conversations.new_thread(ME)
    play(runtime.conversations, thread, message_of(attack, arena))
    tool_messages = [m for c in model.calls for m in c.messages
                     if m.type == "tool" and "IMPORTANT SYSTEM" in str(m.content)]
    assert tool_messages, "the poisoned description reached the model"
    for message in tool_messages:
        content = str(message.content)
        assert content.startswith("<catalogue_data") and content.endswith("</catalogue_data>")
        # The planted closing tag cannot end the data block early.
        assert content.count("</catalogue_data>") == 1


def test_forbidden_strings_are_really_in_the_database(arena: Arena, make_runtime: RuntimeFactory) -> None:
    """The leak checks are not vacuous: the victim's data is there, reachable only with his own session."""
    from tests.security.world import VICTIM

    runtime = make_runtime(ScriptedChatModel([]))
    services = runtime.services
    assert services.ledger.balance(VICTIM).total == arena.victim_balance
    assert [b.id for b in services.bookings.bookings(VICTIM).bookings] == [arena.victim_booking]
    assert all(isinstance(s, str) and s for s in forbidden_strings(arena))


def _targets_someone_else(attack: Attack) -> bool:
    return any(name in ("book_hotel", "cancel_booking", "redeem_points")
               and ("member_id" in args or "$VICTIM" in str(args))
               for step in attack.plan for name, args in step)


OTHERS = [a for a in ATTACKS if _targets_someone_else(a)]


@pytest.mark.parametrize("attack", OTHERS, ids=lambda a: a.id)
def test_even_if_the_member_approves_another_members_resources_are_untouched(
    attack: Attack, arena: Arena, make_runtime: RuntimeFactory
) -> None:
    """The member approving (tricked, or the attacker themselves) still cannot touch the victim's account."""
    model = hostile_model(attack, arena)
    runtime = make_runtime(model)
    before = snapshot(runtime.services, arena)
    thread = runtime.conversations.new_thread(ME)
    outcome = play(runtime.conversations, thread, message_of(attack, arena), approve=True)
    after = snapshot(runtime.services, arena)
    assert after.victim_booking_status == "confirmed"
    from tests.security.world import VICTIM

    assert after.balances[VICTIM] == before.balances[VICTIM]
    assert not leaks(outcome.shown, attack, arena)
