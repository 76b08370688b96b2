"""Build static/world_countries.json, the country shapes the dashboard serves itself.

Source: the npm package ``world-atlas`` 2.0.2 (Natural Earth admin-0 countries as
TopoJSON, feature ids are ISO 3166-1 numeric codes). ``countries-50m.json`` is the
base; ``countries-10m.json`` supplies Tuvalu, which the 50m file lacks. Numeric ids
are mapped to alpha-3 codes with the PyPI package ``pycountry`` (26.2.16).

Developer tool only: the app and the tests never run it. Neither package is a project
dependency; install both in /tmp:

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz   # -> /tmp/package
    python3 -m venv /tmp/geovenv && /tmp/geovenv/bin/pip install pycountry==26.2.16
    /tmp/geovenv/bin/python scripts/build_world_geometry.py --atlas /tmp/package

Output: a GeoJSON FeatureCollection, one feature per country with
``properties.iso3`` and ``properties.name``. Rings follow the d3-geo winding order
that plotly.js expects (exterior clockwise, holes anticlockwise, in lon/lat); a ring
with the other order would be drawn as "the whole globe minus this island".
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "static" / "world_countries.json"

DECIMALS = 2  # ~1 km; finer precision is used only for rings that would collapse
TOLERANCE = 0.05  # degrees, Douglas-Peucker; a world map shows ~0.25 degrees per pixel

# Natural Earth features without an ISO numeric id.
NO_ID = {
    "Somaliland": "SOM",  # internationally part of Somalia
    "N. Cyprus": "CYP",  # internationally part of Cyprus
    "Kosovo": "XKX",  # user-assigned code used by the EU and the World Bank
}
DROP = {"ATA"}  # Antarctica: no partner there, and it eats a fifth of the map height
EXTRA_NAMES = {"XKX": "Kosovo"}

# Territories that Natural Earth keeps inside their sovereign state's shape but that
# are separate partners in countries.csv: (parent, code, name, lon/lat bounding box).
# XSA / XSE are the codes countries.csv uses for Saba and Sint Eustatius.
SPLITS = [
    ("FRA", "MYT", "Mayotte", (44.9, -13.1, 45.4, -12.5)),
    ("NLD", "BES", "Bonaire", (-68.5, 11.9, -68.1, 12.4)),
    ("NLD", "XSA", "Saba", (-63.3, 17.6, -63.2, 17.7)),
    ("NLD", "XSE", "Sint Eustatius", (-63.05, 17.45, -62.9, 17.55)),
]
FROM_10M = {"TUV"}


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Undo TopoJSON quantisation: delta-decode each arc and apply the transform."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker on one arc. Arcs are shared by neighbours, so simplifying
    arcs (not rings) keeps common borders identical and gap-free."""
    if len(points) < 3:
        return points
    if points[0] == points[-1]:  # closed arc (an island): split at the farthest point
        far = max(range(len(points)), key=lambda i: _dist2(points[i], points[0]))
        return simplify(points[: far + 1], tol)[:-1] + simplify(points[far:], tol)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        best, index = 0.0, None
        for i in range(a + 1, b):
            d = _seg_dist2(points[i], points[a], points[b])
            if d > best:
                best, index = d, i
        if index is not None and best > tol * tol:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(points, keep) if k]


def _dist2(p, q) -> float:
    return (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2


def _seg_dist2(p, a, b) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return _dist2(p, (a[0] + t * dx, a[1] + t * dy))


def ring_coords(arc_ids: list[int], arcs: list) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for i in arc_ids:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]  # negative id = reversed arc
        ring.extend(points if not ring else points[1:])
    return ring


def polygons_of(geometry: dict) -> list[list[list[int]]]:
    """The polygons of a geometry, each a list of rings given as arc ids."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def signed_area(ring) -> float:
    """Planar shoelace area in lon/lat. Rings that cross the antimeridian (Russia,
    Fiji) are unwrapped first, else a 360-degree jump ruins the sign."""
    xs, shift = [], 0.0
    for i, (x, _y) in enumerate(ring):
        if i and x + shift - xs[-1] > 180:
            shift -= 360
        elif i and x + shift - xs[-1] < -180:
            shift += 360
        xs.append(x + shift)
    ys = [y for _x, y in ring]
    return sum(xs[i] * ys[i + 1] - xs[i + 1] * ys[i] for i in range(len(ring) - 1)) / 2


def round_ring(versions, exterior: bool):
    """Round a ring (simplified version first, full detail if that collapses) and
    give it the d3-geo winding; None if even the full ring is too small."""
    for ring in versions:
        for decimals in (DECIMALS, DECIMALS + 1, DECIMALS + 2):
            out = []
            for x, y in ring:
                p = [round(x, decimals), round(y, decimals)]
                if not out or p != out[-1]:
                    out.append(p)
            if out[0] != out[-1]:
                out.append(out[0])
            area = signed_area(out)
            if len(out) >= 4 and area != 0:
                # d3-geo: exterior clockwise (negative planar area), holes anticlockwise.
                if (area > 0) == exterior:
                    out.reverse()
                return out
    return None


def country_name(iso3: str) -> str:
    if iso3 in EXTRA_NAMES:
        return EXTRA_NAMES[iso3]
    c = pycountry.countries.get(alpha_3=iso3)
    return getattr(c, "common_name", None) or c.name


def collect(topology: dict) -> dict[str, list]:
    """iso3 -> polygons; each ring is a (simplified, full detail) pair, unrounded."""
    full = decode_arcs(topology)
    simple = [simplify(arc, TOLERANCE) for arc in full]
    shapes: dict[str, list] = {}
    for geom in topology["objects"]["countries"]["geometries"]:
        if "id" in geom:
            country = pycountry.countries.get(numeric=geom["id"])
            iso3 = country.alpha_3 if country else None
        else:
            iso3 = NO_ID.get(geom["properties"]["name"])
        if iso3 and iso3 not in DROP:
            # Several features can share a code (Australia + Ashmore and Cartier Is.).
            shapes.setdefault(iso3, []).extend(
                [[(ring_coords(r, simple), ring_coords(r, full)) for r in poly]
                 for poly in polygons_of(geom)]
            )
    return shapes


def inside(polygon, bbox) -> bool:
    x0, y0, x1, y1 = bbox
    return all(x0 <= x <= x1 and y0 <= y <= y1 for x, y in polygon[0][1])


def build(atlas: Path) -> dict:
    shapes = collect(json.loads((atlas / "countries-50m.json").read_text()))
    detailed = collect(json.loads((atlas / "countries-10m.json").read_text()))
    for iso3 in FROM_10M:
        shapes[iso3] = detailed[iso3]
    for parent, iso3, name, bbox in SPLITS:
        # The 50m file drops some of these islands; take them from 10m then.
        source = shapes if any(inside(p, bbox) for p in shapes[parent]) else detailed
        shapes[iso3] = [p for p in source[parent] if inside(p, bbox)]
        shapes[parent] = [p for p in shapes[parent] if not inside(p, bbox)]
        EXTRA_NAMES.setdefault(iso3, name)

    features = []
    for iso3 in sorted(shapes):
        polygons = []
        for poly in shapes[iso3]:
            rings = [round_ring(r, exterior=(i == 0)) for i, r in enumerate(poly)]
            if rings[0] is not None:
                polygons.append([r for r in rings if r is not None])
        if not polygons:
            continue
        geometry = (
            {"type": "Polygon", "coordinates": polygons[0]}
            if len(polygons) == 1
            else {"type": "MultiPolygon", "coordinates": polygons}
        )
        features.append(
            {
                "type": "Feature",
                "properties": {"iso3": iso3, "name": country_name(iso3)},
                "geometry": geometry,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--atlas", type=Path, default=Path("/tmp/package"),
                        help="unpacked world-atlas npm package")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    collection = build(args.atlas)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    print(f"{len(collection['features'])} features, {args.out.stat().st_size:,} bytes -> {args.out}")


if __name__ == "__main__":
    main()
