"""Server-side clustering of the map's incidents, per zoom and tile, cached.

The world is cut into square tiles of ``360 / 2**z`` degrees (as wide as a web
map tile at zoom ``z``); each tile into 2 x 2 cells (about 128 screen pixels
wide: a cluster marker is up to 60), which are the cells of the stored grid one
zoom level out (events.services.mapgrid cuts 4 x 4 per tile). The counts per
cell come from the stored grid counts (events.mapgrid) when they answer the
filters exactly, else from one grouped query (events.selectors.public_incident_grid); a tile with
few incidents, or close up (POINTS_ZOOM, STACK_ZOOM), sends its incidents as the
light map points instead (encoded as JSON by the database), so they can be
styled, opened and listed one by one.

Each tile's answer is cached, encoded, under (public cache generation, filters,
zoom, tile): panning only computes the tiles that come into view, and a cached
view needs no database query. Every write through the services that can
change a public answer moves the generation (events.public_cache): zones and
places always, incidents when one is published after the write or was before
it. Nothing stale is served.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder

from events import mapgrid, public_cache, selectors
from events.services.mapgrid import cell_degrees

POINTS_PER_TILE = 150  # a tile with at most this many incidents sends points,
POINTS_ZOOM = 13  # from this zoom a tile with up to CLOSE_POINTS_PER_TILE does,
CLOSE_POINTS_PER_TILE = 250
STACK_ZOOM = 16  # and from this zoom every tile does (stacks list what shares a point)
MAX_ZOOM = 20
MAX_TILES = 300


def tile_degrees(z: int) -> float:
    return 360.0 / (1 << z)


def tiles_covering(z: int, bbox) -> list[tuple[int, int]]:
    size = tile_degrees(z)
    minlon, minlat, maxlon, maxlat = bbox
    xs = range(math.floor(minlon / size), math.floor(maxlon / size) + 1)
    ys = range(math.floor(minlat / size), math.floor(maxlat / size) + 1)
    return [(x, y) for x in xs for y in ys]


def _bbox_of(z: int, tiles) -> tuple[float, float, float, float]:
    size = tile_degrees(z)
    xs = [x for x, _ in tiles]
    ys = [y for _, y in tiles]
    return (
        max(-180.0, min(xs) * size),
        max(-90.0, min(ys) * size),
        min(180.0, (max(xs) + 1) * size),
        min(90.0, (max(ys) + 1) * size),
    )


def filters_key(filters) -> str:
    """A stable digest of every filter but the bounding box."""
    plain = dataclasses.replace(filters, bbox=None)
    text = f"{plain!r}|{settings.SHOW_SYNTHETIC_INCIDENTS}"
    return hashlib.sha1(text.encode()).hexdigest()[:20]


def data_parts(filters) -> tuple[str]:
    """What an answer computed from ``filters`` (but the box) depends on, besides
    the data (the public cache generation)."""
    return (filters_key(filters),)


def cache_prefix(kind: str, filters) -> tuple[str, str]:
    """(cache key prefix, generation) for answers computed from ``filters`` on the
    current data."""
    return public_cache.key(kind, *data_parts(filters))


def _dominant(types: dict[str, int]) -> str:
    return min(types.items(), key=lambda item: (-item[1], item[0]))[0]


def sends_points(z: int, n: int) -> bool:
    """Whether a tile of ``n`` incidents at zoom ``z`` sends them one by one."""
    if z >= STACK_ZOOM or n <= POINTS_PER_TILE:
        return True
    return z >= POINTS_ZOOM and n <= CLOSE_POINTS_PER_TILE


def _runs(tiles) -> list[list[tuple[int, int]]]:
    """``tiles`` as runs of neighbours along a row, so the points of scattered
    tiles are read tile by tile, not with every incident between them."""
    runs: list[list[tuple[int, int]]] = []
    for x, y in sorted(tiles, key=lambda tile: (tile[1], tile[0])):
        if runs and runs[-1][-1] == (x - 1, y):
            runs[-1].append((x, y))
        else:
            runs.append([(x, y)])
    return runs


def grid_level(z: int) -> int:
    """The stored grid level whose cells cluster zoom ``z``: one level out."""
    return max(0, z - 1)


def compute_tiles(*, filters, z: int, tiles) -> dict[tuple[int, int], dict]:
    """The clusters or points of every tile in the rectangle spanned by ``tiles``."""
    level = grid_level(z)
    cell = cell_degrees(level)
    per_tile = round(tile_degrees(z) / cell)
    bbox = _bbox_of(z, tiles)
    xs = range(min(x for x, _ in tiles), max(x for x, _ in tiles) + 1)
    ys = range(min(y for _, y in tiles), max(y for _, y in tiles) + 1)
    answer = {(x, y): {"n": 0, "clusters": [], "points": []} for x in xs for y in ys}

    cells: dict[tuple[int, int], dict] = {}
    plain = dataclasses.replace(filters, bbox=None)
    if mapgrid.answers(plain, level):
        rows = mapgrid.grid_counts(
            filters=plain,
            z=level,
            xs=range(xs.start * per_tile, xs.stop * per_tile),
            ys=range(ys.start * per_tile, ys.stop * per_tile),
        )
    else:
        rows = selectors.public_incident_grid(filters=plain, cell=cell, within=bbox)
    for row in rows:
        key = (int(row["cx"]), int(row["cy"]))
        acc = cells.setdefault(key, {"n": 0, "killed": 0, "lon": 0.0, "lat": 0.0, "types": {}})
        acc["n"] += row["n"]
        acc["killed"] += row["killed"] or 0
        acc["lon"] += row["sum_lon"]
        acc["lat"] += row["sum_lat"]
        acc["types"][row["event_type"]] = row["n"]
    for (cx, cy), acc in cells.items():
        tile = answer.get((cx // per_tile, cy // per_tile))
        if tile is None:  # on the outer edge of the rectangle: another tile's
            continue
        tile["n"] += acc["n"]
        tile["clusters"].append(
            {
                "lon": round(acc["lon"] / acc["n"], 5),
                "lat": round(acc["lat"] / acc["n"], 5),
                "count": acc["n"],
                "killed": acc["killed"],
                "type": _dominant(acc["types"]),
                "cell": [cx * cell, cy * cell, (cx + 1) * cell, (cy + 1) * cell],
            }
        )

    as_points = {key for key, tile in answer.items() if tile["n"] and sends_points(z, tile["n"])}
    if as_points:
        # One query for the boxes of every run.
        boxes = [_bbox_of(z, run) for run in _runs(as_points)]
        rows = selectors.public_incident_point_features(filters=plain, within_any=boxes)
        for lon, lat, feature in rows:
            key = (
                math.floor(lon / cell) // per_tile,
                math.floor(lat / cell) // per_tile,
            )
            if key in as_points:  # not a neighbour's, on a run's outer edge
                answer[key]["points"].append(feature)
    if as_points:
        for key in as_points:
            answer[key]["clusters"] = []
    return answer


def _encoded(tile: dict) -> dict:
    """A tile's answer as stored: its count, and its clusters and points as JSON
    texts (the points come encoded by the database), so a cached tile is joined
    into the answer without encoding it again."""
    return {
        "n": tile["n"],
        "clusters": [_dumps(cluster) for cluster in tile["clusters"]],
        "points": tile["points"],
    }


def _dumps(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))


def view_clusters(*, filters, z: int, bbox) -> dict:
    """What the map draws for the view ``bbox`` at zoom ``z``: clusters (count,
    centroid, killed, dominant event type, cell) and single incidents as light
    GeoJSON Features, from the tiles covering the view (cached per tile). The
    clusters and features are JSON texts; ``view_json`` makes the answer of it."""
    tiles = tiles_covering(z, bbox)
    prefix, token = cache_prefix("clusters", filters)
    keys = {tile: f"{prefix}:{z}:{tile[0]}:{tile[1]}" for tile in tiles}
    found = cache.get_many(list(keys.values()))
    results = {tile: found[keys[tile]] for tile in tiles if keys[tile] in found}
    missing = [tile for tile in tiles if tile not in results]
    if missing:
        computed = {
            tile: _encoded(answer)
            for tile, answer in compute_tiles(filters=filters, z=z, tiles=missing).items()
        }
        public_cache.store_many(
            {f"{prefix}:{z}:{x}:{y}": value for (x, y), value in computed.items()}, token
        )
        results.update((tile, computed[tile]) for tile in missing)
    clusters, points, total = [], [], 0
    for tile in tiles:
        total += results[tile]["n"]
        clusters.extend(results[tile]["clusters"])
        points.extend(results[tile]["points"])
    return {
        "z": z,
        "total": total,
        "tiles": len(tiles),
        "cached_tiles": len(tiles) - len(missing),
        "clusters": clusters,
        "type": "FeatureCollection",
        "features": points,
    }


def view_json(view: dict) -> bytes:
    """The JSON document of a ``view_clusters`` answer (how many of its tiles came
    from the cache is not part of it: the whole answer is cached in turn)."""
    head = _dumps(
        {k: v for k, v in view.items() if k not in ("clusters", "features", "cached_tiles")}
    )
    clusters, features = ",".join(view["clusters"]), ",".join(view["features"])
    return f'{head[:-1]},"clusters":[{clusters}],"features":[{features}]}}'.encode()
