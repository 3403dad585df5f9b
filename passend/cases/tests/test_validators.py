"""BSN elfproef, validator and normalisation. Only synthetic numbers are used."""

import pytest
from django.core.exceptions import ValidationError

from passend.cases.validators import BSN_WEIGHTS, is_valid_bsn, normalise_bsn, validate_bsn


def with_check_digit(prefix: str) -> str | None:
    """Complete eight digits to a number passing the elfproef (None if no digit fits).

    Independent of the code under test: 9*d1 + ... + 2*d8 - d9 ≡ 0 (mod 11), so d9 is the
    weighted sum of the prefix modulo 11, which must be a single digit.
    """
    assert len(prefix) == 8 and prefix.isdigit()
    check = sum(w * int(d) for w, d in zip(BSN_WEIGHTS[:8], prefix, strict=True)) % 11
    return prefix + str(check) if check < 10 else None


# Synthetic numbers generated from obviously artificial prefixes.
GENERATED = [
    n for n in (with_check_digit(p) for p in ("99999999", "10000000", "20202020", "55554444")) if n
]


def test_generated_numbers_exist():
    assert len(GENERATED) >= 3


@pytest.mark.parametrize(
    "value",
    [
        # Well-known test numbers; checked by hand:
        # 111222333: 9+8+7 + 12+10+8 + 9+6 - 3 = 66 = 6 * 11
        "111222333",
        # 123456782: 9+16+21+24+25+24+21+16 - 2 = 154 = 14 * 11
        "123456782",
        *GENERATED,
    ],
)
def test_valid_bsn(value):
    assert is_valid_bsn(value)
    validate_bsn(value)  # does not raise


@pytest.mark.parametrize("value", ["111222333", "123456782", *GENERATED])
def test_every_single_digit_change_is_detected(value):
    # All weights are coprime with 11, so changing one digit always breaks the elfproef.
    for position in range(9):
        for digit in "0123456789":
            if digit != value[position]:
                changed = value[:position] + digit + value[position + 1 :]
                assert not is_valid_bsn(changed), changed


@pytest.mark.parametrize(
    "value",
    [
        "111222334",  # 66 - 4 + 3 = 65, not divisible by 11
        "123456789",  # 154 + 2 - 9 = 147 = 13 * 11 + 4
        "12345678",  # padded 012345678: 112 - 8 = 104 = 9 * 11 + 5
    ],
)
def test_elfproef_fails(value):
    assert not is_valid_bsn(value)
    with pytest.raises(ValidationError) as exc:
        validate_bsn(value)
    assert exc.value.code == "invalid_bsn"
    assert exc.value.messages == ["Dit is geen geldig BSN (elfproef klopt niet)."]


@pytest.mark.parametrize(
    "value",
    [
        "",
        "1234567",  # 7 digits
        "1112223330",  # 10 digits
        "11122233a",
        "111 222 333",
        "111.222.333",
        "-11222333",
        "１１１２２２３３３",  # full-width digits: str.isdigit() is True, but not a BSN
        "١١١٢٢٢٣٣٣",  # Arabic-Indic digits
    ],
)
def test_wrong_length_or_non_digits(value):
    assert not is_valid_bsn(value)
    with pytest.raises(ValidationError) as exc:
        validate_bsn(value)
    assert exc.value.code == "invalid_bsn_format"
    assert exc.value.messages == ["Een BSN bestaat uit 9 cijfers."]


@pytest.mark.parametrize("value", [None, 111222333])
def test_non_string_is_invalid(value):
    assert not is_valid_bsn(value)
    with pytest.raises(ValidationError):
        validate_bsn(value)


@pytest.mark.parametrize("value", ["000000000", "00000000"])
def test_all_zeros_is_invalid(value):
    assert not is_valid_bsn(value)
    with pytest.raises(ValidationError) as exc:
        validate_bsn(value)
    assert exc.value.code == "invalid_bsn"


def test_eight_digits_are_padded_with_one_zero():
    # 012345672: 0 + 8+14+18+20+20+18+14 - 2 = 110 = 10 * 11
    nine = with_check_digit("01234567")
    assert nine == "012345672"
    assert is_valid_bsn("12345672")
    assert is_valid_bsn("012345672")
    validate_bsn("12345672")
    assert normalise_bsn("12345672") == "012345672"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("111222333", "111222333"),
        ("111.222.333", "111222333"),
        (" 111 222 333 ", "111222333"),
        ("1234.56.72", "012345672"),
        ("1234\u00a05672", "012345672"),  # non-breaking space
        ("12a45678", "12a45678"),  # not a number: left for the validator to report
        ("1234567", "1234567"),  # seven digits are not padded
    ],
)
def test_normalise_bsn(raw, expected):
    assert normalise_bsn(raw) == expected


def test_normalised_input_validates():
    validate_bsn(normalise_bsn("111.222.333"))
    with pytest.raises(ValidationError):
        validate_bsn(normalise_bsn("111.222.334"))
