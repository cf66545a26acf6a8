"""The scorer (events.extraction.evaluation) compares voices as the coding guide
(docs/extraction-coding.md) defines them: the reporter's own key and "outlet" are
one voice, and so are the US military and the coalition."""

from events.extraction.evaluation import canonical_key, outlet_keys, score_rows


def _row(outlet, killed, alleged=()):
    truth = {
        "event_date": None,
        "place": None,
        "sub_event_type": "air_drone_strike",
        "killed": killed,
        "injured": {},
        "alleged": [list(a) for a in alleged],
    }
    return {"id": "r1", "outlet": outlet, "truth": truth}


def _result(key, killed, alleged=()):
    name = f"voice {key}"
    return {
        "event_date": None,
        "places": [],
        "sub_event_type": "air_drone_strike",
        "sources": [
            {
                "key": key,
                "name": name,
                "claims": [{"outcome": "killed", "min": killed[0], "max": killed[1]}],
            }
        ],
        "alleged": [
            {"actor": actor, "stance": stance, "alleged_by": [name]} for actor, stance in alleged
        ],
    }


def _scores(outlet, truth_key, got_key):
    row = _row(outlet, {truth_key: [5, 5]}, [("russia", truth_key, "accused")])
    got = _result(got_key, (5, 5), [("russia", "accused")])
    return score_rows([row], {"r1": got})


def test_the_reporters_own_key_is_the_outlet():
    scores = _scores("AFP", "outlet", "afp")
    assert (scores["killed"].tp, scores["killed"].fp, scores["killed"].fn) == (1, 0, 0)
    assert (scores["alleged"].tp, scores["alleged"].fp, scores["alleged"].fn) == (1, 0, 0)


def test_a_carried_wire_in_brackets_is_the_reporter_too():
    assert _scores("ONA (TASS)", "tass", "outlet")["killed"].tp == 1
    assert outlet_keys("The New Arab (AFP)") == {"afp"}
    assert outlet_keys("Muraselon (SANA)") == {"sana"}


def test_another_outlets_key_stays_its_own_voice():
    scores = _scores("Reuters", "outlet", "afp")
    assert (scores["killed"].tp, scores["killed"].fp, scores["killed"].fn) == (0, 1, 1)
    assert canonical_key("sana", outlet_keys("Reuters")) == "sana"


def test_the_us_military_is_the_coalition():
    scores = _scores("Reuters", "coalition", "us_military")
    assert scores["killed"].tp == 1 and scores["alleged"].tp == 1
