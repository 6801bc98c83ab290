"""Strategies for the string formats tilslut's OpenAPI description declares, so that schemathesis
generates values the rules behind the schema accept (a CVR number's check digit, a date of birth
that exists and is a plausible age) where JSON Schema cannot say them."""

from datetime import date

import schemathesis
from hypothesis import strategies as st

WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def with_check_digit(first_seven: int) -> str | None:
    digits = [int(d) for d in f"{first_seven:07d}"]
    rest = sum(d * w for d, w in zip(digits, WEIGHTS)) % 11
    check = (11 - rest) % 11
    return None if check == 10 else "".join(map(str, digits)) + str(check)


cvr = st.integers(1_000_000, 9_999_999).map(with_check_digit).filter(lambda n: n is not None)
schemathesis.openapi.format("cvr", cvr)

birth_dates = st.dates(date(1930, 1, 1), date(2000, 12, 31)).map(lambda d: d.strftime("%d-%m-%Y"))
schemathesis.openapi.format("date-dk", birth_dates)

schemathesis.openapi.format("email", st.from_regex(r"\A[a-z]{2,12}\.[a-z]{2,12}@[a-z]{2,12}\.dk\Z"))
