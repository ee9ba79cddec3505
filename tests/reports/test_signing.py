"""Report numbers, canonical hashing, HMAC signature and verification codes (no app)."""

from __future__ import annotations

from datetime import date

from portal.reports import signing


def test_numbers_have_the_documented_shape_and_are_random() -> None:
    numbers = {signing.new_report_no(date(2026, 11, 23)) for _ in range(50)}
    assert len(numbers) == 50
    assert all(signing.REPORT_NO_RE.match(n) and n.startswith("XYBG-20261123-") for n in numbers)


def test_the_canonical_json_does_not_depend_on_key_order() -> None:
    one = signing.canonical_json({"b": 1, "a": "江临"})
    two = signing.canonical_json({"a": "江临", "b": 1})
    assert one == two == '{"a":"江临","b":1}'
    assert signing.content_hash(one) != signing.content_hash(one.replace("江临", "江林"))


def test_signature_and_code_need_the_key() -> None:
    digest = signing.content_hash("{}")
    signature = signing.sign("key", "XYBG-20261123-ABCDEFGH", digest)
    assert signing.is_signed("key", "XYBG-20261123-ABCDEFGH", digest, signature)
    assert not signing.is_signed("other", "XYBG-20261123-ABCDEFGH", digest, signature)
    assert not signing.is_signed("key", "XYBG-20261123-ABCDEFGH", "0" * 64, signature)
    code = signing.verification_code("key", "XYBG-20261123-ABCDEFGH")
    assert signing.CODE_RE.match(code)
    assert signing.code_matches("key", "XYBG-20261123-ABCDEFGH", signing.format_code(code).lower())
    assert not signing.code_matches("other", "XYBG-20261123-ABCDEFGH", code)
    assert not signing.code_matches("key", "XYBG-20261123-ABCDEFGJ", code)
