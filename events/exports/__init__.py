"""Getting incidents out: GeoJSON (streamed), ACLED CSV, GeoPackage, KML and a
self-contained offline HTML map. Every writer takes an incident queryset, so the
views, the ``export_incidents`` command and the benchmark run the same code."""
