"""Mobile plans named in Japanese for a member who writes Japanese (issue 16): the plan list and a
recommendation name each plan by the data's `name_ja`, never its English name. Phrasings are fresh; names
are read from the tool results of the conversation."""

from __future__ import annotations

from tests.offline.conftest import ChatFactory, grounded


def test_the_plan_list_names_every_plan_in_japanese(chat: ChatFactory) -> None:
    c = chat()
    answer = c.say("料金プランを全部比べたいです")
    called = [name for name, _ in c.tool_calls]
    assert {"list_mobile_plans", "recommend_mobile_plan"} & set(called), called
    tool = "list_mobile_plans" if "list_mobile_plans" in called else "recommend_mobile_plan"
    plans = c.result(tool)["plans" if tool == "list_mobile_plans" else "ranked"]
    assert plans and all(p["name_ja"] for p in plans)
    assert any(p["name_ja"] in answer for p in plans), answer
    assert not any(p["name"] in answer for p in plans), answer
    grounded(c)


def test_a_recommendation_names_the_plan_in_japanese(chat: ChatFactory) -> None:
    c = chat()
    answer = c.say("毎月10ギガくらい使うけど、どのプランがお得？")
    assert c.called("recommend_mobile_plan"), c.tool_calls
    ranked = c.result("recommend_mobile_plan")["ranked"]
    assert any(p["name_ja"] in answer for p in ranked) and not any(p["name"] in answer for p in ranked), answer
    assert " GB a month" not in answer and "JPY" not in answer, "the reasons for the bill are given in Japanese"
    grounded(c)
