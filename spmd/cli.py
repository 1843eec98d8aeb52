"""Command-line entry point: ``spmd <command>`` (or ``python -m spmd``)."""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from pathlib import Path

from spmd import PROJECT_ROOT, profile

DEFAULT_SEED = 20261128


def _raw_root(value: str | None) -> Path:
    return Path(value or os.environ.get("SPMD_RAW_ROOT", "data/raw"))


def _artefact(name: str) -> str:
    """A file of dbt's target folder ($DBT_TARGET_PATH, as dbt itself)."""
    return str(Path(os.environ.get("DBT_TARGET_PATH", "target")) / name)


def cmd_install_extensions(args: argparse.Namespace) -> int:
    from spmd.extensions import install

    for path in install(Path(args.dir)):
        print(f"laid out {path}")
    return 0


def cmd_generate_demo(args: argparse.Namespace) -> int:
    from spmd.demo import births, council, facilities, mobility, sensors, waste

    root = _raw_root(args.raw_root)
    chosen = profile.load()
    # one marker per domain: a domain added later is generated into an existing raw root
    domains = {
        "naissances": lambda: births.generate(
            raw_root=root, profile=chosen, years=tuple(args.years), seed=args.seed,
            births_per_year=args.births_per_year).rows,
        "actes": lambda: council.generate(raw_root=root, profile=chosen, years=tuple(args.years), seed=args.seed).rows,
        "equipements": lambda: facilities.generate(raw_root=root, profile=chosen, seed=args.seed).rows,
        "capteurs": lambda: sensors.generate(
            raw_root=root, profile=chosen, seed=args.seed)["rows"],
        "dechets": lambda: waste.generate(raw_root=root, profile=chosen, seed=args.seed, weeks=args.waste_weeks).rows,
        "mobilite": lambda: mobility.generate(
            raw_root=root, profile=chosen, seed=args.seed, days=args.mobility_days).rows,
    }
    for domain, generate in domains.items():
        marker = root / "_demo" / f"{domain}_defects.json"
        if args.if_absent and marker.exists():
            print(f"demo {domain} extracts already in {root} (delete them or drop --if-absent)")
            continue
        print(f"demo {domain} extracts of {chosen['NOM']} written to {root}; planted defects: {generate()}")
    return 0


def cmd_profile(args: argparse.Namespace) -> int:
    try:
        chosen = profile.load(args.name)
    except profile.ProfileError as e:
        print(f"profile: {e}", file=sys.stderr)
        return 1
    if args.action == "env":
        # for a shell: eval "$(spmd profile env --name nantes)"
        for key, value in chosen.env().items():
            print(f"export {key}={shlex.quote(value)}")
        return 0
    errors = profile.check(chosen)
    for error in errors:
        print(f"profile {chosen.name}: {error}", file=sys.stderr)
    if errors:
        print(f"profile {chosen.name} refused ({chosen.folder}): fix it before building (docs/adopter.md)",
              file=sys.stderr)
        return 1
    print(f"profile {chosen.name}: {chosen['NOM']}, {len(chosen.communes())} communes, SIRET {chosen['SIRET']}")
    return 0


def cmd_raw_guard(args: argparse.Namespace) -> int:
    from spmd import raw_ledger

    try:
        if args.action == "check":
            result = raw_ledger.check(Path(args.database), _raw_root(args.raw_root), Path(args.previous_release),
                                      args.first_release, Path(args.listing))
            print(f"raw root {result['raw_root']}: {result['files']} files, "
                  f"{result['known']} of the warehouse's ledger unchanged or known")
        else:
            print(f"ledger of {args.database}: {raw_ledger.record(Path(args.database), Path(args.listing))} files")
    except raw_ledger.RawRootError as e:
        print(f"build stopped before anything was built or published: {e}", file=sys.stderr)
        return 1
    return 0


def cmd_publish_docs(args: argparse.Namespace) -> int:
    from spmd.docs_site import DocsPublicationError, publish_docs

    try:
        tests = publish_docs(Path(args.source), Path(args.dest))
    except DocsPublicationError as e:
        print(f"docs publication refused: {e}", file=sys.stderr)
        return 1
    print(f"published {args.dest} (fixtures of {tests} unit tests withheld, no identifier found)")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from spmd.publish import PublicationError, publish

    try:
        manifest = publish(
            database=Path(args.database),
            dbt_manifest=Path(args.dbt_manifest),
            exports_dir=Path(args.exports),
            raw_root=_raw_root(args.raw_root),
        )
    except PublicationError as e:
        print(f"publication refused: {e}", file=sys.stderr)
        return 1
    for f in manifest["files"]:
        print(f"published {f['path']} ({f['rows']} rows)")
    return 0


def cmd_realtime(args: argparse.Namespace) -> int:
    from spmd import realtime

    site = Path(args.site) if args.site else None
    return realtime.loop(args.target, PROJECT_ROOT, args.every, freshness=not args.no_freshness, site=site,
                         passes=args.passes)


def cmd_dashboard(args: argparse.Namespace) -> int:
    from spmd import dashboard

    try:
        if args.action == "build":
            site = dashboard.build_site(Path(args.database), Path(args.exports), Path(args.dbt_manifest), args.target)
            print(f"dashboard published in {site}/index.html")
        else:
            dashboard.serve(Path(args.exports) / "dashboard", args.port)
    except dashboard.DashboardError as e:
        print(f"dashboard: {e}", file=sys.stderr)
        return 1
    return 0


def cmd_demo_live(args: argparse.Namespace) -> int:
    from spmd import demo_live

    try:
        return demo_live.run(Path(args.root), Path(args.exports), args.port, args.passes, args.every, args.seed)
    except demo_live.DemoLiveError as e:
        print(f"demo-live: {e}", file=sys.stderr)
        return 1


def cmd_bench(args: argparse.Namespace) -> int:
    from spmd import bench

    command = "spmd bench --scales " + " ".join(str(s) for s in args.scales)
    bench.main(args.scales, Path(args.out), Path(args.work), command)
    print(f"report written to {args.out}")
    return 0


def cmd_bench_dechets(args: argparse.Namespace) -> int:
    from spmd import bench_dechets

    command = f"spmd bench-dechets --weeks {args.weeks}"
    result = bench_dechets.main(args.weeks, Path(args.out), Path(args.work), command)
    print(json.dumps({k: v for k, v in result.items() if "slowest" not in k}))
    print(f"report written to {args.out}")
    return 0


def cmd_bench_mobilite(args: argparse.Namespace) -> int:
    from spmd import bench_mobilite

    command = f"spmd bench-mobilite --days {args.days}"
    result = bench_mobilite.main(args.days, Path(args.out), Path(args.work), command)
    print(json.dumps({k: v for k, v in result.items() if "slowest" not in k}))
    print(f"report written to {args.out}")
    return 0


def cmd_bench_dashboard(args: argparse.Namespace) -> int:
    from spmd import bench_dashboard

    result = bench_dashboard.main(Path(args.out), Path(args.work), "spmd bench-dashboard")
    print(json.dumps({k: v for k, v in result.items() if k != "passes"}))
    print(f"report written to {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="spmd", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("install-extensions", help="lay out DuckDB extensions from their wheels")
    p.add_argument("--dir", default=".duckdb_extensions")
    p.set_defaults(func=cmd_install_extensions, needs_profile=False)

    p = sub.add_parser("generate-demo", help="write deterministic demo extracts")
    p.add_argument("--raw-root", help="default: $SPMD_RAW_ROOT or data/raw")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--years", type=int, nargs="+", default=[2024, 2025])
    p.add_argument("--births-per-year", type=int, default=6000)
    p.add_argument("--waste-weeks", type=int, default=9,
                   help="weeks of waste collection (52: the full-year scale of the benchmark)")
    p.add_argument("--mobility-days", type=int, default=None,
                   help="continuous days of real-time mobility feeds (default: two clock-change weekends)")
    p.add_argument("--if-absent", action="store_true", help="do nothing if demo data exists")
    p.set_defaults(func=cmd_generate_demo)

    p = sub.add_parser("publish", help="export the opendata models, checked, atomically")
    p.add_argument("--database", default="warehouse/spmd.duckdb")
    p.add_argument("--dbt-manifest", default=_artefact("manifest.json"))
    p.add_argument("--exports", default="exports/opendata")
    p.add_argument("--raw-root", help="the raw root the database was built from (default: $SPMD_RAW_ROOT or "
                   "data/raw); its fingerprint goes into the manifest")
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser("profile", help="check the métropole profile (make does before building), or print "
                       "its settings as environment variables")
    p.add_argument("action", choices=("check", "env"))
    p.add_argument("--name", help="the profile (default: $SPMD_METROPOLE)")
    p.set_defaults(func=cmd_profile, needs_profile=False)

    p = sub.add_parser("raw-guard", help="check (before a build) or record (after it) the raw files of a warehouse")
    p.add_argument("action", choices=("check", "record"))
    p.add_argument("--database", required=True, help="the warehouse being built (the copy)")
    p.add_argument("--raw-root", help="default: $SPMD_RAW_ROOT or data/raw")
    p.add_argument("--previous-release", default="exports/opendata", help="the last release's folder")
    p.add_argument("--first-release", action="store_true",
                   help="the first release from a new raw root: not compared with the last release")
    p.add_argument("--listing", default=_artefact("raw_listing.json"), help="the listing taken by check, for record")
    p.set_defaults(func=cmd_raw_guard)

    p = sub.add_parser("publish-docs", help="publish the docs site without unit-test fixtures, after a leak scan")
    p.add_argument("--source", default=_artefact("static_index.html"))
    p.add_argument("--dest", default="exports/docs/index.html")
    p.set_defaults(func=cmd_publish_docs)

    p = sub.add_parser("realtime", help="ingest the mobility batches landed since the last pass (make realtime)")
    p.add_argument("--target", default=os.environ.get("SPMD_TARGET", "dev"))
    p.add_argument("--every", type=float, default=None,
                   help="seconds between passes (default: one pass and exit)")
    p.add_argument("--passes", type=int, default=None, help="with --every: stop after this many passes")
    p.add_argument("--no-freshness", action="store_true", help="skip the feeds' freshness check")
    p.add_argument("--site", default=None,
                   help="the dashboard whose real-time file each pass rewrites (make realtime: exports/dashboard)")
    p.set_defaults(func=cmd_realtime)

    p = sub.add_parser("dashboard", help="build the city dashboard into the exports (make build), or serve it "
                       "on 127.0.0.1 (make dashboard)")
    p.add_argument("action", choices=("build", "serve"))
    p.add_argument("--database", default="warehouse/spmd.duckdb", help="the warehouse to read (read-only)")
    p.add_argument("--dbt-manifest", default=_artefact("manifest.json"))
    p.add_argument("--exports", default="exports", help="the folder that holds opendata/ and dashboard/")
    p.add_argument("--target", default=os.environ.get("SPMD_TARGET", "dev"),
                   help="dbt target of the feeds' freshness check")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_dashboard)

    p = sub.add_parser("demo-live", help="simulated feeds every minute for the current time, the real-time loop "
                       "on them and the dashboard served on 127.0.0.1 (make demo-live)")
    p.add_argument("--root", default="target/demo-live",
                   help="the demo's own folder (raw root, database, site); never an existing raw root")
    p.add_argument("--exports", default="exports", help="where make build published the dashboard")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--minutes", dest="passes", type=int, default=None,
                   help="stop after this many passes (one a minute; default: until interrupted)")
    p.add_argument("--every", type=float, default=60.0, help="seconds between landings (default 60)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.set_defaults(func=cmd_demo_live)

    p = sub.add_parser("bench", help="benchmark the build against plain DuckDB (make bench)")
    p.add_argument("--scales", type=int, nargs="+", default=[0, 1, 4, 16, 64, 256])
    p.add_argument("--out", default="docs/benchmark.md")
    p.add_argument("--work", default="target/bench")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("bench-dechets", help="benchmark the waste domain at the year scale (make bench-dechets)")
    p.add_argument("--weeks", type=int, default=52)
    p.add_argument("--out", default="docs/benchmark_dechets.md")
    p.add_argument("--work", default="target/bench_dechets")
    p.set_defaults(func=cmd_bench_dechets)

    p = sub.add_parser("bench-mobilite", help="benchmark the real-time loop (make bench-mobilite)")
    p.add_argument("--days", type=int, default=90, help="days of history")
    p.add_argument("--out", default="docs/benchmark_mobilite.md")
    p.add_argument("--work", default="target/bench_mobilite")
    p.set_defaults(func=cmd_bench_mobilite)

    p = sub.add_parser("bench-dashboard", help="benchmark the city dashboard (make bench-dashboard)")
    p.add_argument("--out", default="docs/benchmark_dashboard.md")
    p.add_argument("--work", default="target/bench_dashboard")
    p.set_defaults(func=cmd_bench_dashboard)

    args = parser.parse_args(argv)
    if getattr(args, "needs_profile", True):
        # every command works for one métropole: its settings go to dbt as environment variables
        try:
            profile.activate()
        except profile.ProfileError as e:
            print(f"spmd {args.command}: {e}", file=sys.stderr)
            return 1
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
