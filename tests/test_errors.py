"""Errors: the hierarchy, DataError and its problems, and masking personal identifiers."""

from __future__ import annotations

import pickle
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import dean06
from dean06 import DataError, Dean06Error, Dean06Warning, Problem, ValidationError
from dean06 import strategies as d6st
from dean06.errors import mask_personal


def test_hierarchy() -> None:
    assert issubclass(Dean06Error, Exception)
    assert issubclass(ValidationError, Dean06Error)
    assert issubclass(ValidationError, ValueError)
    assert issubclass(DataError, Dean06Error)
    assert not issubclass(DataError, ValidationError)
    assert issubclass(Dean06Warning, UserWarning)
    assert not issubclass(Dean06Warning, Dean06Error)


def test_validation_error_is_caught_as_value_error() -> None:
    with pytest.raises(ValueError, match=r"Rate\.numerator"):
        dean06.Rate(3, 2)


def test_problem_str_and_value_semantics() -> None:
    problem = Problem("dossiers.csv, line 17, column 'received'", "not a date")
    assert str(problem) == "dossiers.csv, line 17, column 'received': not a date"
    assert problem == Problem("dossiers.csv, line 17, column 'received'", "not a date")
    assert hash(problem) == hash(Problem("dossiers.csv, line 17, column 'received'", "not a date"))
    assert problem != Problem("dossiers.csv, line 18, column 'received'", "not a date")
    with pytest.raises(AttributeError):
        problem.message = "changed"  # type: ignore[misc]
    # A named tuple: unpacks, and compares as the pair it is.
    location, message = problem
    assert (location, message) == ("dossiers.csv, line 17, column 'received'", "not a date")
    assert problem == ("dossiers.csv, line 17, column 'received'", "not a date")


def test_data_error_with_one_problem() -> None:
    problem = Problem("units.csv, line 2, column 'code'", "must not be empty")
    error = DataError([problem])
    assert error.problems == (problem,)
    assert error.total == 1
    assert str(error) == "units.csv, line 2, column 'code': must not be empty"


def test_data_error_keeps_problems_in_input_order() -> None:
    problems = [Problem(f"x.csv, line {n}", f"fault {n}") for n in (9, 2, 5)]
    error = DataError(iter(problems))
    assert isinstance(error.problems, tuple)
    assert error.problems == tuple(problems)
    assert error.total == 3
    message = str(error)
    assert message.splitlines()[0] == "3 problems found in the input:"
    assert message.splitlines()[1:] == [f"  {p}" for p in problems]


def test_data_error_total_beyond_the_listed_problems() -> None:
    problems = [Problem(f"x.csv, line {n}", "bad") for n in range(2, 5)]
    error = DataError(problems, total=1500)
    assert error.total == 1500
    assert len(error.problems) == 3
    assert "1500 problems" in str(error)
    assert "… and 1497 more" in str(error)


def test_data_error_total_is_never_below_the_problems_listed() -> None:
    problems = [Problem("a", "b"), Problem("c", "d")]
    assert DataError(problems, total=1).total == 2


def test_data_error_message_lists_at_most_twenty() -> None:
    problems = [Problem(f"x.csv, line {n}", "bad") for n in range(2, 32)]
    message = str(DataError(problems))
    assert message.count("x.csv, line") == 20
    assert message.endswith("… and 10 more")


def test_data_error_summary_and_text() -> None:
    error = DataError([Problem("a", "b")], summary="invalid unit catalogue")
    assert str(error).startswith("invalid unit catalogue:")
    plain = DataError("the file is empty")
    assert plain.problems == (Problem("<input>", "the file is empty"),)
    assert plain.total == 1


@given(st.lists(d6st.problems(), max_size=30), st.integers(0, 100))
def test_data_error_pickles(problems: list[Problem], extra: int) -> None:
    error = DataError(problems, total=len(problems) + extra)
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own data
    assert type(copy) is DataError
    assert copy.problems == error.problems
    assert copy.total == error.total
    assert str(copy) == str(error)


def test_data_error_with_summary_pickles() -> None:
    error = DataError([Problem("a", "b")], summary="the data set has broken references")
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own data
    assert str(copy) == str(error)
    assert copy.problems == error.problems


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CCCD 051203001234", "CCCD ***"),
        ("CMND 212345678.", "CMND ***."),
        ("id=1234567890123456", "id=***"),
        ("12345678", "12345678"),
        ("phone 0905123456", "phone ***"),
        ("phone 0905 123 456", "phone ***"),
        ("phone 0905.123.456", "phone ***"),
        ("phone 0905-123-456", "phone ***"),
        ("phone +84905123456", "phone ***"),
        ("phone +84 905 123 456", "phone ***"),
        ("phone +84-905-123-456!", "phone ***!"),
        ("0905 123 4", "0905 123 4"),
        ("0905 123 45", "***"),  # nine digits in groups: could be an identity card
        ("CMND 212 345 678", "CMND ***"),
        ("CCCD 079.203.012.345;", "CCCD ***;"),
        ("CCCD 0792-0301-2345", "CCCD ***"),
        ("SĐT 84 905 123 456", "SĐT ***"),
        ("2023-06-30", "2023-06-30"),
        ("2023-06-30/2023-07-01", "2023-06-30/2023-07-01"),
        ("email an.nguyen@example.vn.", "email ***."),
        ("'nguyễn.văn.an@gmail.com'", "'***'"),
        ("a@b", "a@b"),
        ("30.06.2023", "30.06.2023"),
        ("2.393 và 14.412", "2.393 và 14.412"),
        ("HS-000123 and 0905 123 456 and 051203001234", "HS-000123 and *** and ***"),
        ("", ""),
    ],
)
def test_mask_personal_examples(text: str, expected: str) -> None:
    assert mask_personal(text) == expected


_PHONE_SEPARATORS = st.sampled_from(["", " ", ".", "-"])


@st.composite
def _phones(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(["0", "+84"]))
    digits = draw(st.lists(st.integers(0, 9), min_size=9, max_size=9))
    return prefix + "".join(draw(_PHONE_SEPARATORS) + str(d) for d in digits)


@given(_phones(), st.sampled_from(["", "gọi ", "SĐT: "]), st.sampled_from(["", " nhé", "."]))
def test_phone_shapes_are_masked(phone: str, before: str, after: str) -> None:
    assert mask_personal(before + phone + after) == before + "***" + after


@given(st.text(st.sampled_from("0123456789"), min_size=9, max_size=20), d6st.texts())
def test_long_digit_runs_are_masked(digits: str, context: str) -> None:
    masked = mask_personal(f"{context} {digits} {context}")
    assert digits not in masked
    assert re.search(r"\d{9,}", masked) is None


@given(
    st.lists(st.text(st.sampled_from("0123456789"), min_size=1, max_size=4), min_size=2),
    st.sampled_from([" ", ".", "-"]),
)
def test_identifiers_written_in_groups_are_masked(groups: list[str], separator: str) -> None:
    written = separator.join(groups)
    masked = mask_personal(f"ID {written};")
    if sum(map(len, groups)) >= 9:
        assert written not in masked
    assert re.search(r"\d{9,}", masked.replace(separator, "")) is None


@given(st.text())
def test_masked_text_has_no_long_digit_run_and_is_stable(text: str) -> None:
    masked = mask_personal(text)
    assert re.search(r"\d{9,}", masked) is None
    assert mask_personal(masked) == masked


@given(
    st.lists(
        st.tuples(
            st.text(st.sampled_from("abcđơ,;"), min_size=1, max_size=4),
            st.text(st.sampled_from("0123456789"), max_size=8),
        ),
        max_size=6,
    )
)
def test_short_digit_runs_between_letters_are_kept(parts: list[tuple[str, str]]) -> None:
    text = "".join(letters + digits for letters, digits in parts)
    assert mask_personal(text) == text
