"""The importers' fast field check (events.validation.FieldRules) never lets through
a value that the model's own full_clean refuses: too long, below zero, over the
casualty ceiling or the largest uncertainty radius, outside the choices, not a slug."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from events.models import CasualtyClaim, Incident, Source
from events.models.sources import MAX_CASUALTIES
from events.validation import MAX_UNCERTAINTY_M, FieldRules

SOURCE = {"name": "Synthetic Monitor", "kind": "other", "language": "en"}
CLAIM = {"outcome": "killed", "population": "unknown", "min_value": 3, "max_value": 5}


def full_clean_passes(model, values, exclude):
    try:
        model(**values).full_clean(exclude=exclude, validate_unique=False)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize(
    "model, base, changes",
    [
        (Source, SOURCE, {}),
        (Source, SOURCE, {"name": "x" * 200}),
        (Source, SOURCE, {"name": "x" * 201}),
        (Source, SOURCE, {"language": "123456789"}),
        (Source, SOURCE, {"kind": "rumour"}),
        (CasualtyClaim, CLAIM, {}),
        (CasualtyClaim, CLAIM, {"min_value": 0}),
        (CasualtyClaim, CLAIM, {"min_value": -1}),
        (CasualtyClaim, CLAIM, {"max_value": MAX_CASUALTIES + 1}),
        (CasualtyClaim, CLAIM, {"max_value": MAX_CASUALTIES}),
        (CasualtyClaim, CLAIM, {"best_value": MAX_CASUALTIES + 1}),
        (CasualtyClaim, CLAIM, {"outcome": "x" * 9}),
    ],
)
def test_the_fast_check_agrees_with_full_clean(db, model, base, changes):
    exclude = ["incident", "source"]
    values = {**base, **changes}
    expected = full_clean_passes(model, values, exclude)
    assert FieldRules(model, exclude=exclude).passes(values) == expected
    assert expected == (
        not changes
        or changes in ({"name": "x" * 200}, {"min_value": 0}, {"max_value": MAX_CASUALTIES})
    )


INCIDENT = {
    "code": "2017-10-23-deir-ez-zor",
    "title": "Air strikes",
    "event_type": "explosions_remote_violence",
    "date_start": dt.date(2017, 10, 23),
    "date_end": dt.date(2017, 10, 23),
    "uncertainty_m": 6000,
}


@pytest.mark.parametrize(
    "changes, valid",
    [
        ({}, True),
        ({"code": "not a slug!"}, False),
        ({"code": "2017-10-23_x"}, True),
        ({"code": "2017-10-23-x\n"}, False),
        ({"uncertainty_m": MAX_UNCERTAINTY_M}, True),
        ({"uncertainty_m": MAX_UNCERTAINTY_M + 1}, False),
    ],
)
def test_the_fast_check_agrees_with_full_clean_on_slugs_and_limits(db, changes, valid):
    exclude = ["created_by", "geom", "place"]
    values = {**INCIDENT, **changes}
    assert full_clean_passes(Incident, values, exclude) == valid
    assert FieldRules(Incident, exclude=exclude).passes(values) == valid
