"""Run the official SCDL validator, Validata's core, on published files.

This script runs in Validata's own environment (``.venv-validata``, made by
``make install`` from ``requirements-validata.txt``: Validata pins frictionless
4.38, the project 5.21), so it imports nothing of the project. ``spmd publish``
calls it through :func:`spmd.publish.validata_errors`.

stdin: a JSON list of ``{"source": <csv path>, "schema": <Table Schema path>}``;
stdout: a JSON object ``{<csv path>: [<error message>, ...]}`` (empty lists: valid).
"""

import json
import sys
import warnings

from validata_core import validate

# per file: the first errors say enough, and a broken file has thousands
MAX_ERRORS = 20


def _messages(report: dict) -> list[str]:
    errors = [e for task in report.get("tasks", []) for e in task.get("errors", [])]
    errors = report.get("errors", []) + errors
    return [f"row {e.get('rowNumber', '-')} {e.get('fieldName') or ''}: {e.get('code')}: {e.get('message')}"
            for e in errors[:MAX_ERRORS]]


def main() -> int:
    warnings.simplefilter("ignore")  # frictionless 4's deprecation notices
    jobs = json.load(sys.stdin)
    json.dump({job["source"]: _messages(validate(job["source"], job["schema"])) for job in jobs}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
