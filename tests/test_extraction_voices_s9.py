"""Report extraction: voices found keyed wrong in a tune9 review (session 9)."""

import pytest

from tests.extraction_support import alleged


@pytest.mark.django_db
def test_state_run_media_is_syrian_state_media_and_makes_the_allegation():
    # thenationalnews.com/world/mena/israeli-air-strike-destroys-iranian-targets-in-syria-
    # war-monitor-says-1.848329: "An Israeli air strike in central Syria destroyed an
    # Iranian missile development facility and a training centre, state-run media said"
    text = (
        "An Israeli air strike in central Syria destroyed an Iranian missile development "
        "facility near Masyaf, state-run media said on Saturday."
    )
    found = alleged(text, dateline="2019-04-13")
    assert ("israel", "state_media", "accused") in found
    assert not any(source == "outlet" for _actor, source, _stance in found)
