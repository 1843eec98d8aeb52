"""The warehouse's ledger of the raw files it was built from (``spmd raw-guard``).

Staging keeps every file it has seen and only adds new ones. So a warehouse built
on one raw root and then pointed at another would publish both; a file removed
from the raw root, or whose bytes changed, would stay in staging as it was. The
ledger, table ``main.spmd_raw_files`` of the warehouse (outside the project's
schemas: it is the build's bookkeeping, not data), records the raw root and each
file's size, modification time and SHA-256 at the last good build.

``make build`` runs ``check`` on its copy of the warehouse before dbt, and
``record`` after the publication, just before the copy is renamed in:

- another raw root than the ledger's, or a file of the ledger missing or changed:
  the build stops before anything is built or published, and says the way forward
  (``make build FROM_SCRATCH=1``: a warehouse built from nothing);
- a release follows the previous one (the release gate ``no_small_release_differences``
  compares them): a first release from another raw root than the last release's is
  refused unless asked for (``FIRST_RELEASE=1``), which is refused in turn when the
  last release comes from the same raw root.

A file whose size and modification time are those of the ledger keeps its
recorded checksum; the others are read again. New files are what a build is for.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import duckdb
import pyarrow as pa

LEDGER = "main.spmd_raw_files"
WAY_FORWARD = (
    "The live database and the exports are unchanged. The way forward is a warehouse built from nothing "
    "on this raw root (docs: README, 'Pointing the build at real extracts'):\n"
    "  make build FROM_SCRATCH=1                    the same raw root, whose files were removed or changed\n"
    "  make build FROM_SCRATCH=1 FIRST_RELEASE=1    another raw root: its first release"
)


class RawRootError(RuntimeError):
    """The build would mix raw roots or stale files; nothing was built."""


def sha256(path: Path) -> str:
    """The SHA-256 of a file, read by blocks (a raw file or a published one)."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _recorded(database: Path) -> tuple[str | None, dict[str, tuple[int, int, str]]]:
    """(raw root, {file: (size, mtime_ns, sha256)}) of the ledger; (None, {}) when
    the database or its ledger does not exist (a new warehouse)."""
    if not database.exists():
        return None, {}
    with duckdb.connect(str(database), read_only=True) as con:
        if not con.sql("select count(*) from duckdb_tables() where schema_name = 'main' "
                       "and table_name = 'spmd_raw_files'").fetchone()[0]:
            return None, {}
        rows = con.sql(f"select raw_root, path, size, mtime_ns, sha256 from {LEDGER}").fetchall()
    roots = {r[0] for r in rows}
    return (roots.pop() if roots else None), {r[1]: (r[2], r[3], r[4]) for r in rows}


def listing(raw_root: Path, known: dict[str, tuple[int, int, str]]) -> dict[str, tuple[int, int, str]]:
    """{file relative to the raw root: (size, mtime_ns, sha256)} of every file under it."""
    out = {}
    for path in sorted(p for p in raw_root.rglob("*") if p.is_file()):
        name = path.relative_to(raw_root).as_posix()
        stat = path.stat()
        before = known.get(name)
        same = before is not None and before[:2] == (stat.st_size, stat.st_mtime_ns)
        out[name] = (stat.st_size, stat.st_mtime_ns, before[2] if same else sha256(path))
    return out


def fingerprint(raw_root: Path) -> str:
    """What a release's manifest says of its raw root: a digest of the resolved
    path, so that the public manifest does not show the servers' folders."""
    return hashlib.sha256(str(raw_root.resolve()).encode("utf-8")).hexdigest()[:16]


def _release_fingerprint(previous_release: Path) -> str | None:
    manifest = previous_release / "manifest.json"
    if not manifest.exists():
        return None
    return json.loads(manifest.read_text(encoding="utf-8")).get("raw_root_fingerprint")


def check(database: Path, raw_root: Path, previous_release: Path, first_release: bool,
          listing_path: Path) -> dict:
    """Stop (RawRootError) a build that would mix raw roots or keep stale files;
    else write the raw root's listing to ``listing_path`` for ``record``."""
    root = str(raw_root.resolve())
    if not raw_root.is_dir():
        raise RawRootError(f"raw root {root} is not a folder")
    recorded_root, recorded = _recorded(database)
    if recorded_root is not None and recorded_root != root:
        raise RawRootError(f"the warehouse was built from raw root {recorded_root}; this build reads {root}. "
                           f"A warehouse never mixes two raw roots: its staging keeps every file it has seen.\n"
                           + WAY_FORWARD)
    files = listing(raw_root, recorded)
    missing = sorted(set(recorded) - set(files))
    changed = sorted(f for f in recorded if f in files and files[f][2] != recorded[f][2])
    if missing or changed:
        shown = [f"  missing: {f}" for f in missing[:10]] + [f"  changed: {f}" for f in changed[:10]]
        raise RawRootError(f"{len(missing)} file(s) loaded by the warehouse are no longer in {root} and "
                           f"{len(changed)} changed since: staging would keep them as they were.\n"
                           + "\n".join(shown) + "\n" + WAY_FORWARD)
    release_root = _release_fingerprint(previous_release)
    if first_release and release_root == fingerprint(raw_root):
        raise RawRootError(f"FIRST_RELEASE=1, but the last release ({previous_release}) comes from this raw "
                           f"root: it would skip the release gate. A revision of published counts is a "
                           f"decision for a person (README).")
    if not first_release and release_root is not None and release_root != fingerprint(raw_root):
        raise RawRootError(f"the last release ({previous_release}) comes from another raw root than {root}, "
                           f"which this build reads: the release gate would compare two unrelated sets of data. "
                           f"The first release from a new raw root is asked for explicitly:\n"
                           f"  make build FROM_SCRATCH=1 FIRST_RELEASE=1")
    listing_path.parent.mkdir(parents=True, exist_ok=True)
    listing_path.write_text(json.dumps({"raw_root": root, "files": files}), encoding="utf-8")
    return {"raw_root": root, "files": len(files), "known": len(recorded)}


def record(database: Path, listing_path: Path) -> int:
    """Write the listing taken by ``check`` as the ledger of ``database``."""
    taken = json.loads(listing_path.read_text(encoding="utf-8"))
    files = taken["files"]
    ledger = pa.table({
        "raw_root": pa.array([taken["raw_root"]] * len(files), pa.string()),
        "path": pa.array(list(files), pa.string()),
        "size": pa.array([f[0] for f in files.values()], pa.int64()),
        "mtime_ns": pa.array([f[1] for f in files.values()], pa.int64()),
        "sha256": pa.array([f[2] for f in files.values()], pa.string()),
    })
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    with duckdb.connect(str(database)) as con:
        con.register("ledger", ledger)
        con.execute(f"create or replace table {LEDGER} as select *, ?::timestamp as recorded_at from ledger",
                    [now])
    os.remove(listing_path)
    return len(files)
