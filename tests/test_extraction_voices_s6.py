"""Report extraction: voices a tune7 review found missing (session 6). Each sentence
is made up; none describes a real incident."""

import pytest

from tests.extraction_support import figures


def _killed(text):
    found = figures(text, dateline="2019-05-06", outlet="Example Wire")
    return {(key, low, high) for key, outcome, low, high in found if outcome == "killed"}


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
