"""Export rows → ACLED CSV (formula-safe), GeoJSON, Parquet (pyarrow), JSON Lines."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from marsad.export._io import text_out
from marsad.export.dataset import COLUMNS

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("acled-csv", "geojson", "parquet", "jsonl")

_INT = (
    "year",
    "time_precision",
    "inter1",
    "inter2",
    "interaction",
    "iso",
    "geo_precision",
    "fatalities",
    "timestamp",
    "source_count",
    "fatalities_high",
    "injured",
)
_FLOAT = ("latitude", "longitude", "confidence")


def escape_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_csv(rows: Iterable[dict[str, Any]], path_or_file: str | Path | IO[str]) -> int:
    count = 0
    with text_out(path_or_file, newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {k: "" if row.get(k) is None else escape_cell(row.get(k)) for k in COLUMNS}
            )
            count += 1
    return count


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def write_jsonl(rows: Iterable[dict[str, Any]], path_or_file: str | Path | IO[str]) -> int:
    count = 0
    with text_out(path_or_file) as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")
            count += 1
    return count


def write_geojson(rows: Iterable[dict[str, Any]], path_or_file: str | Path | IO[str]) -> int:
    """A FeatureCollection (RFC 7946, lon/lat) for QGIS; rows without a point get no geometry."""
    features = []
    for row in rows:
        props = {k: v for k, v in row.items() if k != "members"}
        geometry = None
        if row.get("latitude") is not None and row.get("longitude") is not None:
            geometry = {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
        features.append(
            {
                "type": "Feature",
                "id": row["event_id_cnty"],
                "geometry": geometry,
                "properties": props,
            }
        )
    with text_out(path_or_file) as fh:
        json.dump(
            {"type": "FeatureCollection", "features": features},
            fh,
            ensure_ascii=False,
            default=_json_default,
        )
    return len(features)


def arrow_schema() -> pa.Schema:
    def kind(name: str) -> pa.DataType:
        if name in _INT:
            return pa.int64()
        if name in _FLOAT:
            return pa.float64()
        return pa.string()

    return pa.schema([pa.field(name, kind(name)) for name in COLUMNS])


def write_parquet(rows: Sequence[dict[str, Any]], path: str | Path) -> int:
    schema = arrow_schema()
    table = pa.Table.from_pylist([{k: row.get(k) for k in COLUMNS} for row in rows], schema=schema)
    pq.write_table(table, path, compression="zstd")
    return table.num_rows


def write_rows(rows: Sequence[dict[str, Any]], fmt: str, path_or_file: Any) -> int:
    if fmt == "acled-csv":
        return write_csv(rows, path_or_file)
    if fmt == "geojson":
        return write_geojson(rows, path_or_file)
    if fmt == "jsonl":
        return write_jsonl(rows, path_or_file)
    if fmt == "parquet":
        if not isinstance(path_or_file, str | Path):
            raise ValueError("parquet needs an output file (-o)")
        return write_parquet(rows, path_or_file)
    raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
