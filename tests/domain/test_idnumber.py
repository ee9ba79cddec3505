"""GB 11643 resident ID numbers, ages and 证件类型 (DOMAIN §14, data-standard §2)."""

from datetime import date

import pytest

from portal.domain import idnumber
from portal.domain.errors import InvalidValue

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize("number", ["430202198503121235", "430211200906150029", "430202199001014565"])
def test_documented_numbers_are_valid(number):
    assert idnumber.id_problem(number, TODAY) is None


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("430202198503121234", "校验位"),
        ("43020219850312123", "长度"),
        ("4302021985031212355", "长度"),
        ("430202850312123", "长度"),  # 15-digit old ID
        ("43020219850312123x", "长度"),  # not normalised
        ("4302021985031212A5", "长度"),
        ("", "长度"),
        ("430202198502301235", "出生日期"),  # 1985-02-30
        ("430202198513121235", "出生日期"),
        ("430202189912311235", "出生日期"),  # before 1900
        ("430202202606021235", "出生日期"),  # the day after TODAY
    ],
)
def test_invalid_numbers_name_their_problem(number, problem):
    assert idnumber.id_problem(number, TODAY) == problem


def test_a_person_born_today_has_a_valid_number():
    number = idnumber.make_resident_id("43020220260601123")
    assert idnumber.id_problem(number, TODAY) is None


def test_make_resident_id_appends_the_worked_example_check_digit():
    assert idnumber.make_resident_id("43020219850312123") == "430202198503121235"


def test_check_digit_x_is_produced_and_accepted():
    numbers = [idnumber.make_resident_id(f"110101199001011{i:02d}") for i in range(100)]
    with_x = [n for n in numbers if n.endswith("X")]
    assert with_x
    assert all(idnumber.id_problem(n, TODAY) is None for n in with_x)


def test_make_resident_id_needs_seventeen_digits():
    with pytest.raises(InvalidValue):
        idnumber.make_resident_id("4302021985031212")


def test_birth_date_is_read_from_digits_seven_to_fourteen():
    assert idnumber.birth_date("430202198503121235") == date(1985, 3, 12)
    assert idnumber.birth_date("430202198502301235") is None
    assert idnumber.birth_date("E12345678") is None


@pytest.mark.parametrize(
    ("on", "minor"),
    [
        (date(2027, 6, 14), True),  # the day before the 18th birthday
        (date(2027, 6, 15), False),  # the 18th birthday
        (date(2027, 6, 16), False),
        (date(2026, 3, 10), True),
    ],
)
def test_minor_status_changes_on_the_eighteenth_birthday(on, minor):
    assert idnumber.is_minor_on("430211200906150029", on) is minor


def test_age_counts_completed_years():
    assert idnumber.age_on("430211200906150029", date(2027, 6, 14)) == 17
    assert idnumber.age_on("430211200906150029", date(2027, 6, 15)) == 18
    assert idnumber.age_on("430202198503121235", date(2026, 3, 11)) == 40
    assert idnumber.age_on("430202198503121235", date(2026, 3, 12)) == 41


def test_someone_born_on_29_february_comes_of_age_on_1_march_in_a_common_year():
    number = idnumber.make_resident_id("43020220080229123")
    assert idnumber.is_minor_on(number, date(2026, 2, 28))
    assert not idnumber.is_minor_on(number, date(2026, 3, 1))


def test_numbers_without_a_birth_date_are_not_treated_as_minors():
    assert idnumber.age_on("E12345678", date(2026, 1, 1)) is None
    assert not idnumber.is_minor_on("E12345678", date(2026, 1, 1))


@pytest.mark.parametrize("number", ["E1234", "H12345678", "C-1234567", "A" * 64])
def test_other_id_kinds_accept_letters_digits_and_hyphens(number):
    assert idnumber.other_id_ok(number)


@pytest.mark.parametrize("number", ["E12", "A" * 65, "E1234 567", "E1234/567", "护照123456", ""])
def test_other_id_kinds_refuse_other_formats(number):
    assert not idnumber.other_id_ok(number)


@pytest.mark.parametrize("value", idnumber.ID_TYPES)
def test_canonical_id_types_are_kept(value):
    assert idnumber.canonical_id_type(value) == (value, False)


@pytest.mark.parametrize(
    ("value", "canonical"),
    [
        ("居民身份证", "身份证"),
        ("中华人民共和国居民身份证", "身份证"),
        ("护照", "护照号"),
        (" 护照 ", "护照号"),
    ],
)
def test_id_type_synonyms_map_to_the_canonical_value(value, canonical):
    assert idnumber.canonical_id_type(value) == (canonical, True)


@pytest.mark.parametrize("value", ["", "驾驶证", "军官证", "身份证号"])
def test_unknown_id_types_are_none(value):
    assert idnumber.canonical_id_type(value) == (None, False)


def test_only_resident_ids_and_residence_permits_are_gb11643_checked():
    assert sorted(idnumber.CHECKED_ID_TYPES) == sorted({"身份证", "港澳台居民居住证"})
    assert len(idnumber.ID_TYPES) == 6
