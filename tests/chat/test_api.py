"""POST /api/v1/chat follows CONTRACT.md; the /chat page works without JavaScript; limits and escaping."""

from __future__ import annotations

from flask.testing import FlaskClient

from portal.chat.intents import INTENTS

REPLY_TYPES = {"text", "faq", "entity_result", "status", "clarify", "handoff"}
CARD_TYPES = {"subject", "record", "submission", "link"}


def _post(client: FlaskClient, message: str, session_id: str | None = None, status: int = 200) -> dict:
    body = {"message": message} | ({"session_id": session_id} if session_id else {})
    response = client.post("/api/v1/chat", json=body)
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def test_every_answer_has_the_contract_shape(api: FlaskClient) -> None:
    for message in ("你好", "查一下株洲示例食品有限公司", "怎么申请信用修复", "株市监罚〔2026〕15号", "今天天气如何"):
        answer = _post(api, message)
        assert set(answer) == {"session_id", "reply", "intent", "confidence", "cards", "suggestions", "sources"}
        assert answer["reply"]["type"] in REPLY_TYPES
        assert answer["reply"]["text"]
        assert answer["intent"] in INTENTS
        assert 0.0 <= answer["confidence"] <= 1.0
        assert answer["suggestions"], "every answer offers quick replies"
        for card in answer["cards"]:
            assert card["type"] in CARD_TYPES
            assert {"title", "url", "data"} <= set(card)
        for s in answer["suggestions"]:
            assert set(s) == {"title", "payload"}
        for s in answer["sources"]:
            assert set(s) == {"title", "url"}


def test_a_subject_card_links_to_the_profile(api: FlaskClient) -> None:
    answer = _post(api, "查一下株洲示例食品有限公司有没有行政处罚")
    assert answer["intent"] == "subject_lookup"
    assert answer["reply"]["type"] == "entity_result"
    card = answer["cards"][0]
    assert card["type"] == "subject"
    assert card["url"] == "/subjects/91430200MA4L0A1B7K"
    assert card["data"]["counts"]["penalty"] == 1
    assert api.get(card["url"]).status_code == 200


def test_faq_answers_cite_the_guides(api: FlaskClient) -> None:
    for message, url in (("信息有误怎么提异议", "/guides/objection"), ("怎么举报失信企业", "/guides/complaint"),
                         ("信用修复要什么材料", "/guides/repair")):  # fmt: skip
        answer = _post(api, message)
        assert url in [s["url"] for s in answer["sources"]]
        assert api.get(url).status_code == 200


def test_bad_requests_give_json_errors(api: FlaskClient) -> None:
    assert _post(api, "", status=400)["error"]["code"] == "invalid_request"
    assert _post(api, "查" * 501, status=400)["error"]["code"] == "message_too_long"
    response = api.post("/api/v1/chat", data="not json", content_type="text/plain")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_request"
    assert _post(api, "查" * 500)["intent"]


def test_html_is_escaped_in_replies(api: FlaskClient) -> None:
    answer = _post(api, "查一下<script>alert(1)</script>有限公司")
    assert "<script>" not in str(answer)


def test_the_api_is_rate_limited(api: FlaskClient) -> None:
    api.application.config["RATELIMIT_CHAT"] = "3 per minute"
    codes = [api.post("/api/v1/chat", json={"message": "你好"}).status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200]
    assert codes[-1] == 429


def test_the_no_js_page_keeps_the_conversation(api: FlaskClient) -> None:
    page = api.get("/chat")
    assert page.status_code == 200
    assert 'name="message"' in page.get_data(as_text=True)
    assert 'href="/chat"' in api.get("/").get_data(as_text=True)
    api.application.config["WTF_CSRF_ENABLED"] = False
    first = api.post("/chat", data={"message": "我想查一家公司"}).get_data(as_text=True)
    assert "哪一家" in first
    second = api.post("/chat", data={"message": "株洲示例食品"}).get_data(as_text=True)
    assert "株洲示例食品有限公司" in second
    assert "我想查一家公司" in second
    assert api.post("/chat", data={"message": ""}).status_code == 400


def test_the_chat_form_needs_a_csrf_token(api: FlaskClient) -> None:
    api.application.config["WTF_CSRF_ENABLED"] = True
    assert api.post("/chat", data={"message": "你好"}).status_code == 400
