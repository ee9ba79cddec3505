"""Masking of names and ID numbers in public output (DOMAIN §6)."""

import pytest

from portal.domain import masking
from portal.domain.errors import InvalidValue


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("欧阳娜娜", "欧***"),
        ("王小明", "王**"),
        ("李四", "李*"),
        ("张", "*"),
        ("", ""),
        (" 王小明 ", "王**"),
        ("阿依古丽·买买提", "阿*******"),
    ],
)
def test_person_names_keep_only_the_first_character(name, masked):
    assert masking.mask_person_name(name) == masked


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("430202198503121235", "430202********1235"),
        ("430211200906150029", "430211********0029"),
        ("810000199001011234", "810000********1234"),
        ("C12345678901", "********8901"),
        ("E123456789", "******6789"),  # 10 chars: last 4 shown
        ("E12345678", "*********"),  # 9 chars: fully masked
        ("1234", "****"),
        ("", ""),
    ],
)
def test_id_numbers_show_at_most_their_edges(number, masked):
    assert masking.mask_id_number(number) == masked


def test_other_id_kinds_of_eighteen_characters_show_only_the_last_four():
    assert masking.mask_id_number("AB1234567890123456", id_type="护照号") == "**************3456"
    assert masking.mask_id_number("810000199001011234", id_type="港澳台居民居住证") == "810000********1234"


@pytest.mark.parametrize("name", ["张三", "李四", "王小明", "欧阳娜娜", "李海城", "张一行", "花店"])
def test_short_chinese_names_without_business_words_look_personal(name):
    assert masking.looks_like_personal_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "荷塘区示例餐饮店",
        "王记面馆",
        "张三店",
        "王氏商行",
        "李家小吃",
        "株洲示例食品有限公司",
        "阿明超市",
        "张",
        "",
        "Zhang San",
        "张三1",
    ],
)
def test_trade_names_do_not_look_personal(name):
    assert not masking.looks_like_personal_name(name)


@pytest.mark.parametrize(
    ("name", "kind", "shown"),
    [
        ("王小明", "natural_person", "王**"),
        ("株洲示例食品有限公司", "natural_person", "株*********"),
        ("李四", "individual_business", "李*"),
        ("荷塘区示例餐饮店", "individual_business", "荷塘区示例餐饮店"),
        ("株洲示例食品有限公司", "legal", "株洲示例食品有限公司"),
        ("张三", "legal", "张三"),
    ],
)
def test_public_subject_names_are_masked_by_kind(name, kind, shown):
    assert masking.public_subject_name(name, kind) == shown


def test_an_unknown_subject_kind_is_an_error_rather_than_a_guess():
    with pytest.raises(InvalidValue):
        masking.public_subject_name("王小明", "自然人")


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("430202198503121235", "430202********1235"),
        ("身份证43020219850312123X。", "身份证430202********123X。"),
        ("1101 0519 9001 0112 34", "110105********1234"),
        ("110105-19900101-1234", "110105********1234"),
        ("110105 — 19900101 — 123x", "110105********123x"),
        ("我的证件号１１０１０５１９９００１０１１２３４", "我的证件号110105********1234"),
        ("１１０１０５－１９９００１０１－１２３Ｘ", "110105********123X"),
        ("旧证110105900101123", "旧证***********1123"),
        ("110105 900101 123", "***********1123"),
    ],
)
def test_id_numbers_in_free_text_are_masked_however_they_are_written(text, masked):
    assert masking.mask_id_numbers(text) == masked


def test_id_numbers_in_free_text_can_be_hidden_wholly():
    assert masking.mask_id_numbers("号码 1101 0519 9001 0112 34 谢谢", hide_all=True) == "号码 " + "*" * 22 + " 谢谢"


@pytest.mark.parametrize(
    "text",
    [
        "91430200MA4L0A1B7K",  # a USCC is public
        "4302021985031212351",  # 19 digits
        "订单号20261123000012345678",
        "电话 0731-12345678 13812345678",  # spaced digits without a birth date are not an ID
        "6222 0212 3456 7890 123",
        "2026-11-23T16:23:58",
    ],
)
def test_other_numbers_in_free_text_are_left_alone(text):
    assert masking.mask_id_numbers(text) == text
