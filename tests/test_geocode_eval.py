"""Top-1 accuracy on the development evaluation set (tests/data/geocode_eval.csv:
spellings seen in real reporting, Latin and Arabic, with context rows) stays at or
above 95% against the real demo gazetteer. Not timed: speed is in the benchmark."""

from pathlib import Path

import pytest

from events.gazetteer_merge import merged_aliases
from events.geocoding.evaluation import evaluate, read_eval_set
from events.geocoding.normalize import is_arabic
from events.models import Place

EVAL_SET = Path(__file__).parent / "data" / "geocode_eval.csv"
ROWS = read_eval_set(EVAL_SET)
# Held out (never tuned on): spellings in the headlines of the sources UCDP GED cites,
# for the places UCDP codes those events at. make bench reports its accuracy.
REPORTED = read_eval_set(Path(__file__).parent / "data" / "geocode_eval_reported.csv")
REPORTED_ARABIC = read_eval_set(Path(__file__).parent / "data" / "geocode_eval_reported_arabic.csv")
# Held out in session 2, written before that session's tuning: make bench reports it.
FRESH = read_eval_set(Path(__file__).parent / "data" / "geocode_eval_fresh.csv")
# Session 3: a test half frozen before tuning (never tuned on) and a tune half, from
# UCDP GED events no earlier split used; make bench reports both.
S3_TEST = read_eval_set(Path(__file__).parent / "data" / "geocode_eval_s3_test.csv")
S3_TUNE = read_eval_set(Path(__file__).parent / "data" / "geocode_eval_s3_tune.csv")
# Session 5: a test half frozen before that session's changes (never tuned on) and a
# tune half; Latin rows from UCDP GED headlines, Arabic rows from cited Arabic reports.
S5_TEST = read_eval_set(Path(__file__).parent / "data" / "geocode_eval_s5_test.csv")
S5_TUNE = read_eval_set(Path(__file__).parent / "data" / "geocode_eval_s5_tune.csv")
# Session 6: a test half frozen before that session's changes (never tuned on) and a
# tune half; Latin and Arabic rows from cited news reports (SOHR and other outlets).
S6_TEST = read_eval_set(Path(__file__).parent / "data" / "geocode_eval_s6_test.csv")
S6_TUNE = read_eval_set(Path(__file__).parent / "data" / "geocode_eval_s6_tune.csv")


def test_eval_set_is_broad_and_every_row_cites_where_the_spelling_appears():
    assert len(ROWS) >= 80
    assert sum(is_arabic(r.query) for r in ROWS) >= 25
    assert sum(bool(r.near) or "," in r.query or " in " in r.query for r in ROWS) >= 10
    assert all(r.note.strip() for r in ROWS)


@pytest.mark.django_db
def test_every_expected_place_is_in_the_gazetteer():
    known = set(Place.objects.values_list("slug", flat=True)) | set(merged_aliases())
    assert {r.expected for r in ROWS} <= known


@pytest.mark.django_db
def test_top1_accuracy_on_variant_spellings_is_at_least_95_percent():
    report = evaluate(ROWS)
    misses = "\n".join(f"  line {r.line}: {r.query!r} -> {got}" for r, got in report.misses)
    assert report.accuracy >= 0.95, f"{report.accuracy:.1%}, misses:\n{misses}"


@pytest.mark.django_db
def test_context_rows_all_pick_the_right_same_named_place():
    ambiguous = {"al-qusur", "homs-al-qusour", "banias-al-qusour", "al-hamidiyah"}
    rows = [r for r in ROWS if r.expected in ambiguous | {"al-hamidiyah-173842"} and r.near]
    assert len(rows) >= 6
    report = evaluate(rows)
    assert report.misses == []


def test_held_out_reported_spellings_are_real_cited_and_in_the_gazetteer(db):
    assert len(REPORTED) >= 100
    assert sum(is_arabic(r.query) for r in REPORTED) >= 25
    assert len(REPORTED_ARABIC) >= 60 and all(is_arabic(r.query) for r in REPORTED_ARABIC)
    assert len(FRESH) >= 100 and sum(is_arabic(r.query) for r in FRESH) >= 20
    assert len(S3_TEST) >= 100 and len(S3_TUNE) >= 100
    # The halves share no place, so tuning on one says nothing of the other's answers.
    assert not {r.expected for r in S3_TEST} & {r.expected for r in S3_TUNE}
    held_out = REPORTED + REPORTED_ARABIC + FRESH + S3_TEST + S3_TUNE
    assert all(r.note.startswith("UCDP GED event ") for r in held_out)
    known = set(Place.objects.values_list("slug", flat=True)) | set(merged_aliases())
    assert {r.expected for r in held_out} <= known


@pytest.mark.django_db
def test_held_out_latin_spellings_of_villages_mostly_resolve():
    """A floor, not a target: the figure is reported by make bench."""
    latin = [r for r in REPORTED if not is_arabic(r.query)]
    assert evaluate(latin).accuracy >= 0.90


@pytest.mark.django_db
def test_arabic_names_of_villages_known_only_in_latin_letters_are_found_by_skeleton():
    """A floor, not a target: the figure is reported by make bench."""
    assert evaluate(REPORTED_ARABIC).accuracy >= 0.80


def test_session_5_splits_are_real_cited_new_and_split_by_place(db):
    assert len(S5_TEST) >= 100 and len(S5_TUNE) >= 100
    arabic = sum(is_arabic(r.query) for r in S5_TEST)
    assert 0.15 <= arabic / len(S5_TEST) <= 0.30
    assert not {r.expected for r in S5_TEST} & {r.expected for r in S5_TUNE}
    for r in S5_TEST + S5_TUNE:
        source = "Arabic report " if is_arabic(r.query) else "UCDP GED event "
        assert r.note.startswith(source), r.line
    earlier = {
        (r.query.casefold(), r.expected)
        for r in ROWS + REPORTED + REPORTED_ARABIC + FRESH + S3_TEST + S3_TUNE
    }
    assert not {(r.query.casefold(), r.expected) for r in S5_TEST + S5_TUNE} & earlier
    known = set(Place.objects.values_list("slug", flat=True)) | set(merged_aliases())
    assert {r.expected for r in S5_TEST + S5_TUNE} <= known


def spelling(text: str) -> str:
    """A query as written, letters only and case-folded: what the novelty checks of
    later splits compare (the matcher's own reading changes as its rules do: Kafar and
    a glued Kafr meet since session 8)."""
    return "".join(ch for ch in text.casefold() if ch.isalpha())


def test_session_6_splits_are_real_cited_new_and_split_by_place(db):
    assert len(S6_TEST) >= 80 and len(S6_TUNE) >= 80
    assert sum(is_arabic(r.query) for r in S6_TEST) >= 20
    assert not {r.expected for r in S6_TEST} & {r.expected for r in S6_TUNE}
    for r in S6_TEST + S6_TUNE:
        source = "Arabic report " if is_arabic(r.query) else "Report "
        assert r.note.startswith(source) and "'" in r.note, r.line
    # No spelling of an earlier split comes back (as written: see spelling).
    earlier = {
        spelling(r.query)
        for r in ROWS + REPORTED + REPORTED_ARABIC + FRESH + S3_TEST + S3_TUNE + S5_TEST + S5_TUNE
    }
    assert not {spelling(r.query) for r in S6_TEST + S6_TUNE} & earlier
    known = set(Place.objects.values_list("slug", flat=True)) | set(merged_aliases())
    assert {r.expected for r in S6_TEST + S6_TUNE} <= known


S7_TUNE = read_eval_set(Path(__file__).parent / "data" / "geocode_eval_s7_tune.csv")


def test_session_7_arabic_tune_split_is_real_cited_and_new(db):
    """Arabic-script spellings from Arabic news reports (cited per row) that no
    earlier split used, as the matcher reads them."""
    from events.geocoding.normalize import normalize_name

    assert len(S7_TUNE) >= 60 and all(is_arabic(r.query) for r in S7_TUNE)
    for r in S7_TUNE:
        assert r.note.startswith("Arabic report ") and "'" in r.note, r.line
    earlier = {
        normalize_name(r.query)
        for r in ROWS
        + REPORTED
        + REPORTED_ARABIC
        + FRESH
        + S3_TEST
        + S3_TUNE
        + S5_TEST
        + S5_TUNE
        + S6_TEST
        + S6_TUNE
    }
    assert not {normalize_name(r.query) for r in S7_TUNE} & earlier
    known = set(Place.objects.values_list("slug", flat=True)) | set(merged_aliases())
    assert {r.expected for r in S7_TUNE} <= known


S8_TEST = read_eval_set(Path(__file__).parent / "data" / "geocode_eval_s8_test.csv")
S8_TUNE = read_eval_set(Path(__file__).parent / "data" / "geocode_eval_s8_tune.csv")
# Session 8, Arabic script only: a test half frozen before that session's Arabic changes
# (never tuned on) and a tune half, split by place; make bench reports both.
AR9_TEST = read_eval_set(Path(__file__).parent / "data" / "geocode_eval_ar9_test.csv")
AR9_TUNE = read_eval_set(Path(__file__).parent / "data" / "geocode_eval_ar9_tune.csv")


def test_ar9_arabic_splits_are_real_cited_new_and_split_by_place(db):
    """Arabic-script spellings as Arabic outlets write them, each row citing its report
    and quoting it; no spelling of an earlier split (as the matcher reads it) for the
    same place; the halves share no place."""
    import hashlib

    from events.geocoding.normalize import normalize_name

    rows = AR9_TEST + AR9_TUNE
    assert len(rows) >= 120 and all(is_arabic(r.query) for r in rows)
    assert len(AR9_TEST) >= 50 and len(AR9_TUNE) >= 50
    for r in rows:
        assert r.note.startswith("Arabic report ") and "'" in r.note, r.line
    assert not {r.expected for r in AR9_TEST} & {r.expected for r in AR9_TUNE}
    for r in AR9_TEST:
        assert hashlib.sha256(f"ar9:{r.expected}".encode()).digest()[0] % 2 == 0, r.line
    earlier = {
        (normalize_name(r.query), r.expected)
        for r in ROWS
        + REPORTED
        + REPORTED_ARABIC
        + FRESH
        + S3_TEST
        + S3_TUNE
        + S5_TEST
        + S5_TUNE
        + S6_TEST
        + S6_TUNE
        + S7_TUNE
        + S8_TEST
        + S8_TUNE
    }
    assert not {(normalize_name(r.query), r.expected) for r in rows} & earlier
    known = set(Place.objects.values_list("slug", flat=True)) | set(merged_aliases())
    assert {r.expected for r in rows} <= known


S9_TEST = read_eval_set(Path(__file__).parent / "data" / "geocode_eval_s9_test.csv")
S9_TUNE = read_eval_set(Path(__file__).parent / "data" / "geocode_eval_s9_tune.csv")


def test_session_9_latin_splits_are_real_cited_new_and_split_by_place(db):
    """Latin-script spellings from English-language reports (cited per row: the page's
    address and a short quote), that no earlier split used (when written, none read
    alike to the matcher either), split by place so that tuning on one half says
    nothing of the other's answers."""

    assert len(S9_TEST) + len(S9_TUNE) >= 120 and len(S9_TEST) >= 60
    assert not any(is_arabic(r.query) for r in S9_TEST + S9_TUNE)
    assert not {r.expected for r in S9_TEST} & {r.expected for r in S9_TUNE}
    for r in S9_TEST + S9_TUNE:
        assert r.note.startswith("Report http") and "'" in r.note, r.line
    earlier = {
        spelling(r.query)
        for r in ROWS
        + REPORTED
        + REPORTED_ARABIC
        + FRESH
        + S3_TEST
        + S3_TUNE
        + S5_TEST
        + S5_TUNE
        + S6_TEST
        + S6_TUNE
        + S7_TUNE
        + read_eval_set(Path(__file__).parent / "data" / "geocode_eval_landmarks.csv")
        + S8_TEST
        + S8_TUNE
        + AR9_TEST
        + AR9_TUNE
    }
    assert not {spelling(r.query) for r in S9_TEST + S9_TUNE} & earlier
    known = set(Place.objects.values_list("slug", flat=True)) | set(merged_aliases())
    assert {r.expected for r in S9_TEST + S9_TUNE} <= known
