"""Text clean-up: trimming, placeholders, codes, control characters, 文号 and name keys."""

import pytest

from portal.domain import text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("  株洲  ", "株洲"),
        ("\u3000株洲\u3000", "株洲"),
        ("\u00a0株洲\u00a0", "株洲"),
        ("\ufeff株洲", "株洲"),
        ("\t株 洲\r\n", "株 洲"),
        (15, "15"),
        (15.0, "15"),
        (0.5, "0.5"),
    ],
)
def test_clean_trims_every_kind_of_edge_whitespace(raw, expected):
    assert text.clean(raw) == expected


@pytest.mark.parametrize("raw", ["-", "—", "/", "无", "空", "NULL", "null", "Null", " 无 ", "－", "／"])
def test_placeholders_count_as_blank(raw):
    assert text.is_placeholder(raw)


@pytest.mark.parametrize("raw", ["", "0", "无锡", "--", "N/A", "空白"])
def test_other_values_are_not_placeholders(raw):
    assert not text.is_placeholder(raw)


def test_nfkc_turns_full_width_into_ascii():
    assert text.nfkc("９１ＡＢ（）") == "91AB()"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("９１４３０２００ma４l０a１b７k", "91430200MA4L0A1B7K"),
        (" 43020219850312123x ", "43020219850312123X"),
        ("9143 0200\u3000MA4L0A1B7K", "91430200MA4L0A1B7K"),
        ("无", ""),
        ("NULL", ""),
        ("", ""),
        ("abcd1234-5", "ABCD1234-5"),
    ],
)
def test_codes_are_normalised_before_checking(raw, expected):
    assert text.normalize_code(raw) == expected


@pytest.mark.parametrize("raw", ["a\x00b", "a\x07", "\x1b[0m", "a\x7fb", "a\x85b"])
def test_control_characters_are_detected(raw):
    assert text.has_control_chars(raw)


@pytest.mark.parametrize("raw", ["", "违法事实\t第一条\r\n第二条", "株洲\u3000市", "含emoji😀"])
def test_tab_and_line_breaks_are_not_control_characters(raw):
    assert not text.has_control_chars(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "株市监罚〔2026〕15号",
        "株市监罚(2026)15号",
        "株市监罚（2026）15号",
        "株市监罚 [2026] 15号",
        "株市监罚［2026］15号",
        "株市监罚【2026】15号",
        "株市监罚﹝2026﹞15号",
        " 株市监罚 〔2026〕 15 号 ",
        "株市监罚（２０２６）１５号",
    ],
)
def test_document_number_variants_share_one_key(raw):
    assert text.doc_no_key(raw) == "株市监罚〔2026〕15号"


def test_document_number_brackets_without_a_year_are_kept():
    assert text.doc_no_key("株市监罚(简)15号") == "株市监罚(简)15号"
    assert text.doc_no_key("株市监罚(26)15号") == "株市监罚(26)15号"


def test_name_key_ignores_width_and_whitespace():
    assert text.name_key(" 政府采购领域 严重违法失信主体\u3000") == "政府采购领域严重违法失信主体"
    assert text.name_key("ＡＢＣ 公司") == "ABC公司"
