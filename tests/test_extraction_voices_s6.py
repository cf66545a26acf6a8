"""Report extraction: voices a tune7 review found missing (session 6). Each sentence
is made up; none describes a real incident."""

import pytest

from events.extraction import extract_report, parse_report


def _killed(text):
    result = extract_report(
        parse_report({"text": text, "dateline": "2019-05-06", "outlet": "Example Wire"})
    )
    return {
        (s["key"], c["min"], c["max"])
        for s in result["sources"]
        for c in s["claims"]
        if c["outcome"] == "killed"
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "A car bomb exploded in Qamishli on Monday. The city's health department "
            "director said that four people were killed.",
            {("medical", 4, 4)},
        ),
        (
            "A car bomb exploded in Qamishli on Monday, killing four people, the autonomous "
            "Kurdish administration said.",
            {("kurdish_source", 4, 4)},
        ),
    ],
)
def test_a_toll_goes_to_the_voice_that_gives_it(text, expected):
    assert _killed(text) == expected
