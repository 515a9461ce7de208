"""The timeline: dated events and publication dates on one time axis.

Contract:
- :func:`date_value` maps an ISO date at any precision (YYYY, YYYY-MM, YYYY-MM-DD) to a fractional year, placing
  a partial date in the middle of its period (``"2024"`` -> 2024.5); anything else gives None.
- :func:`timeline_items` merges event rows (``Corpus.events``) and document rows (``Corpus.docs``) into items
  ``{"kind": "event"|"publication", "date", "value", "label", "document_id", "title", "evidence"}`` sorted by time;
  undated rows are left out.
- :func:`layout` places items on an axis of a given pixel width: ``{"width", "height", "ticks": [{"x", "label"}],
  "items": [item + {"x", "lane"}]}``, stacking items that would overlap into lanes (events above the axis,
  publications below), at most :data:`MAX_LANES` lanes a side. Pure functions: the web page and the report draw
  the result as SVG.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from typing import Any

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
LANE_HEIGHT = 16
LANE_GAP_PX = 9  # two markers closer than this share no lane
MAX_LANES = 24  # beyond this, markers overlap in the lane that frees first: the page stays readable and O(n)


def date_value(iso: str | None) -> float | None:
    """Fractional year of an ISO date prefix, partial dates at the middle of their period."""
    match = _ISO.match(iso or "")
    if not match:
        return None
    year = int(match[1])
    if match[2] is None:
        return year + 0.5
    month = int(match[2])
    if not 1 <= month <= 12:
        return None
    days = calendar.monthrange(year, month)[1]
    day = (days + 1) / 2 if match[3] is None else min(max(int(match[3]), 1), days)
    day_of_year = sum(calendar.monthrange(year, m)[1] for m in range(1, month)) + day - 0.5
    return year + day_of_year / (366 if calendar.isleap(year) else 365)


def timeline_items(events: Iterable[dict[str, Any]], docs: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    items = [
        _item("event", row.get("date"), row.get("what") or "", row, evidence=row.get("evidence")) for row in events
    ]
    items += [
        _item("publication", row.get("published"), row.get("title") or row.get("name") or "", row) for row in docs
    ]
    dated = [item for item in items if item["value"] is not None]
    return sorted(dated, key=lambda item: (item["value"], item["kind"], item["label"]))


def _item(kind: str, date: str | None, label: str, row: dict[str, Any], evidence: str | None = None) -> dict[str, Any]:
    return {
        "kind": kind,
        "date": date,
        "value": date_value(date),
        "label": label,
        "document_id": row.get("document_id") or row.get("id"),
        "title": row.get("title"),
        "evidence": evidence,
    }


def layout(items: list[dict[str, Any]], *, width: int = 1000, margin: int = 40) -> dict[str, Any]:
    """Pixel positions for an SVG timeline (events stack upwards from the axis, publications downwards)."""
    if not items:
        return {"width": width, "height": 80, "axis_y": 40, "ticks": [], "items": []}
    low = min(item["value"] for item in items)
    high = max(item["value"] for item in items)
    low, high = (low - 0.5, high + 0.5) if high - low < 1 else (low, high)
    scale = (width - 2 * margin) / (high - low)
    placed = []
    lanes: dict[str, list[float]] = {"event": [], "publication": []}
    for item in items:
        x = margin + (item["value"] - low) * scale
        placed.append({**item, "x": round(x, 1), "lane": _free_lane(lanes[item["kind"]], x)})
    above = max([p["lane"] for p in placed if p["kind"] == "event"], default=-1) + 1
    below = max([p["lane"] for p in placed if p["kind"] == "publication"], default=-1) + 1
    axis_y = 30 + above * LANE_HEIGHT
    for p in placed:
        step = (p["lane"] + 1) * LANE_HEIGHT
        p["y"] = axis_y - step if p["kind"] == "event" else axis_y + step
    ticks = [{"x": round(margin + (year - low) * scale, 1), "label": str(year)} for year in _years(low, high)]
    return {"width": width, "height": axis_y + below * LANE_HEIGHT + 40, "axis_y": axis_y, "ticks": ticks,
            "items": placed}  # fmt: skip


def _free_lane(lanes: list[float], x: float) -> int:
    """The first lane whose last marker is far enough to the left of x (lanes grow as needed)."""
    for index, last in enumerate(lanes):
        if x - last >= LANE_GAP_PX:
            lanes[index] = x
            return index
    if len(lanes) >= MAX_LANES:  # every lane is busy here: overdraw the one whose last marker is furthest left
        index = min(range(len(lanes)), key=lanes.__getitem__)
        lanes[index] = x
        return index
    lanes.append(x)
    return len(lanes) - 1


def _years(low: float, high: float) -> list[int]:
    first, last = int(low) + (0 if low == int(low) else 1), int(high)
    step = max(1, (last - first + 1) // 12 + 1)
    return list(range(first, last + 1, step))
