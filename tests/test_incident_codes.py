"""A new incident's public code: its date and six characters of the code alphabet,
each position drawing on the whole alphabet."""

import datetime as dt
import re

from events.services import incident_code_candidate
from events.services.incidents import CODE_ALPHABET


def test_codes_carry_the_date_and_six_characters_from_the_whole_alphabet():
    day = dt.date(2017, 10, 23)
    codes = [incident_code_candidate(day=day) for _ in range(5000)]
    pattern = re.compile(rf"2017-10-23-[{CODE_ALPHABET}]{{6}}")
    assert all(pattern.fullmatch(code) for code in codes)
    for position in range(6):
        assert {code[11 + position] for code in codes} == set(CODE_ALPHABET)
    assert len(set(codes)) > 4990  # 31**6 possible suffixes
