"""From a news report to a draft incident, every claim kept apart (issue 14).

Rules over the report's sentences, our gazetteer (events.geocoding) and our actor
table; deterministic, offline, no model.

text         sentences with character offsets
numbers      casualty figures as worded ("at least 22" -> 22+, "dozens" -> 24..99)
dates        relative dates resolved against the dateline ("late Monday")
voices       who speaks (monitor, state media, officials, claims, the outlet)
casualties   killed/injured figures of a sentence, with civilians/children
actors       perpetrator patterns, keyed by our Actor slugs (alias hook)
attribution  accused / claimed / denied / confirmed frames
datelines    the wire's dateline at the head of the text (where and when it was filed)
place_cues   what the words around a name say: a person's, group's or outlet's name
places       place names through the geocoder, with the text's own context
stories      which sentences tell the event, which a side story; the event date
event_types  event type and sub-type (our ACLED codes)
pipeline     parse_report(), extract_report() and extract_reports() (a batch,
             its duplicates looked up together): the JSON result

Result (one JSON object per report): id, event_date, date_precision
(day|week|month|unknown), time_note, date_note, places [{name, lat, lon,
precision, place_id, slug, kind, names}] most specific first, event_type,
sub_event_type, sources [{key, name, kind, via, claims [{outcome, min, max,
population, wording, including?}]}], alleged [{actor, actor_name, known_actor,
stance, alleged_by [source names]}], perpetrator_stated, multi_incident,
cumulative_figures, notes [{kind, actor, text}], spans {"event_date": [start,
end], "places/0": ..., "sources/1/claims/0": ..., "alleged/0": ...} (character
offsets into the text; the first mention), mentions {same keys: [[start, end], ...]}
(every mention of a value stated more than once: a place named twice, a source
quoted in several sentences, a figure repeated) and duplicates (incident codes).
"""

from .pipeline import (
    MAX_TEXT_CHARS,
    Report,
    ReportInputError,
    extract_report,
    extract_reports,
    parse_report,
)

__all__ = [
    "MAX_TEXT_CHARS",
    "Report",
    "ReportInputError",
    "extract_report",
    "extract_reports",
    "parse_report",
]
