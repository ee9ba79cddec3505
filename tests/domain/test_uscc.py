"""GB 32100 USCC and GB 11714 organisation codes (DOMAIN §14 worked examples)."""

import pytest

from portal.domain import uscc
from portal.domain.errors import InvalidValue

VALID = [
    "91430200MA4L0A1B7K",
    "91350100M000100Y43",
    "91430202MA4Q7K3C8H",
    "92430211MA4R2D5E1P",
    "11430200006123458Y",
    "12430200445612341W",
    # data-standard §9 examples
    "92430202MA4R2D5E1N",
    "1143020200712345X3",
    "11430200006123490A",
    "11430200006123482F",
    "91430203MA4M8N2P8B",
    "11430200MB1A2B3CXQ",
    "91430211MA4T6G9H32",
]


@pytest.mark.parametrize("code", VALID)
def test_documented_codes_are_valid(code):
    assert uscc.is_well_formed(code)
    assert uscc.has_valid_check(code)
    assert uscc.is_valid(code)


@pytest.mark.parametrize("code", VALID)
def test_documented_codes_embed_a_valid_organisation_code(code):
    assert uscc.is_valid_org_code(uscc.embedded_org_code(code))


def test_check_character_of_the_worked_example_is_k():
    # Σ = 2027; 2027 mod 31 = 12; 31 − 12 = 19 → K (DOMAIN §14).
    assert uscc.check_char("91430200MA4L0A1B7") == "K"


def test_wrong_check_character_is_well_formed_but_fails_the_check():
    assert uscc.is_well_formed("91430200MA4L0A1B7A")
    assert not uscc.has_valid_check("91430200MA4L0A1B7A")


@pytest.mark.parametrize(
    "code",
    [
        "91430200MA4L0A1B7",  # 17 chars
        "91430200MA4L0A1B7KK",  # 19 chars
        "91430200MA4L0A1BIK",  # I is not in the charset
        "91430200MA4L0A1BOK",
        "91430200MA4L0A1BSK",
        "91430200MA4L0A1BVK",
        "91430200MA4L0A1BZK",
        "9143020AMA4L0A1B7K",  # division code must be digits
        "91430200ma4l0a1b7k",  # not normalised
        "91430200MA4L0A1B7K\n",
        "914302٠٠MA4L0A1B7K",  # Arabic-Indic digits
        "",
    ],
)
def test_malformed_codes_are_rejected(code):
    assert not uscc.is_well_formed(code)
    assert not uscc.has_valid_check(code)


def test_make_uscc_appends_the_check_character():
    assert uscc.make_uscc("91430200MA4L0A1B7") == "91430200MA4L0A1B7K"


@pytest.mark.parametrize("first17", ["9143020MA4L0A1B7", "91430200MA4L0A1BI", "91430200MA4L0A1B7K"])
def test_check_character_needs_seventeen_charset_characters(first17):
    with pytest.raises(InvalidValue):
        uscc.check_char(first17)


def test_organisation_code_check_character():
    # MA4L0A1B7: Σ = 488; 488 mod 11 = 4; 11 − 4 = 7.
    assert uscc.org_code_check_char("MA4L0A1B") == "7"
    assert uscc.make_org_code("00712345") == "00712345X"


@pytest.mark.parametrize("code", ["MA4L0A1B7", "MA4L0A1B-7", "00712345X", "00712345-X", "006123458"])
def test_valid_organisation_codes_are_accepted_with_or_without_hyphen(code):
    assert uscc.is_valid_org_code(code)


@pytest.mark.parametrize("code", ["MA4L0A1B8", "MA4L0A1B", "MA4L0A1B--7", "ma4l0a1b7", "MA4L0A1B7X"])
def test_invalid_organisation_codes_are_refused(code):
    assert not uscc.is_valid_org_code(code)


def test_demo_codes_can_be_valid_at_both_levels():
    code = uscc.make_uscc("91430200" + uscc.make_org_code("MA4L0A1B"))
    assert code == "91430200MA4L0A1B7K"
