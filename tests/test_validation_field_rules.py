"""The importers' fast field check (events.validation.FieldRules) never lets through
a value that the model's own full_clean refuses: too long, below zero, over the
casualty ceiling, outside the choices."""

import pytest
from django.core.exceptions import ValidationError

from events.models import CasualtyClaim, Source
from events.models.sources import MAX_CASUALTIES
from events.validation import FieldRules

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
        (CasualtyClaim, CLAIM, {"outcome": "x" * 9}),
    ],
)
def test_the_fast_check_agrees_with_full_clean(db, model, base, changes):
    exclude = ["incident", "source"]
    values = {**base, **changes}
    expected = full_clean_passes(model, values, exclude)
    assert FieldRules(model, exclude=exclude).passes(values) == expected
    assert expected == (not changes or changes in ({"name": "x" * 200}, {"min_value": 0}))
