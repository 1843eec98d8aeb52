"""Publication of the documentation site (``make publish-docs``).

``dbt docs generate --static`` writes one HTML file with the whole manifest and
catalogue inlined, the dbt unit tests included: their fixtures are invented
persons (names, addresses, a phone number, a NIR with a valid key) written to
prove that staging drops or scrubs them. A public site may not carry them, even
invented, nor any other identifier-shaped value. So before the site is renamed
into ``exports/docs/``:

1. every unit test's rows (``given`` and ``expect``) are replaced by a pointer to
   the YAML file that holds them in the repository;
2. the whole page is scanned for direct identifiers (``leakscan.find_in_document``:
   NIR with a valid key, e-mail, phone, IBAN with a valid key, plate), and one
   find stops the publication, the last published site staying as it was. The
   only e-mail addresses allowed are the functional mailboxes the project
   declares as owners of its groups and exposures (the contacts of a public
   service, not persons).

dbt renders no Jinja in a docs block: the blocks name the métropole with
placeholders (``$SPMD_METROPOLE_NOM``), filled here from the active profile.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from spmd import leakscan

# where ``dbt docs generate --static`` inlines the manifest in its page
_MANIFEST_MARK = "{manifest:"
# a setting of the métropole profile named in a docs block
_PLACEHOLDER = re.compile(r"\$(SPMD_METROPOLE(?:_[A-Z0-9_]+)?)\b")


class DocsPublicationError(RuntimeError):
    """The site would publish an identifier; nothing was replaced."""


def _manifest_span(html: str) -> tuple[int, int]:
    start = html.find(_MANIFEST_MARK)
    if start < 0:
        raise DocsPublicationError("no inlined manifest in the page: is it dbt docs generate --static's?")
    start += len(_MANIFEST_MARK)
    _, length = json.JSONDecoder().raw_decode(html[start:])
    return start, start + length


def declared_contacts(html: str) -> set[str]:
    """The owners' e-mail addresses of the groups and exposures of the inlined manifest."""
    start, end = _manifest_span(html)
    manifest = json.loads(html[start:end])
    owners = [n.get("owner") or {} for kind in ("groups", "exposures") for n in manifest.get(kind, {}).values()]
    return {o["email"] for o in owners if o.get("email")}


def identifiers_in(html: str) -> list[tuple[str, str, str]]:
    """The direct identifiers of a docs page, but for the declared contacts."""
    contacts = declared_contacts(html)
    return [f for f in leakscan.find_in_document(html) if not (f[0] == "email" and f[1] in contacts)]


def with_profile_settings(text: str) -> str:
    """``text`` with each ``$SPMD_METROPOLE_*`` placeholder replaced by the active
    profile's setting (spmd.profile.activate); an unknown one stops the publication."""
    def setting(match: re.Match) -> str:
        if match.group(1) not in os.environ:
            raise DocsPublicationError(f"a docs block names ${match.group(1)}, which the profile does not set")
        return os.environ[match.group(1)]
    return _PLACEHOLDER.sub(setting, text)


def without_unit_test_fixtures(html: str) -> tuple[str, int]:
    """The page with every unit test's fixture rows replaced by a pointer to their
    file in the repository (and the docs blocks' profile placeholders filled), and
    the number of unit tests so treated."""
    start, end = _manifest_span(html)
    manifest = json.loads(html[start:end])
    for block in manifest.get("docs", {}).values():
        block["block_contents"] = with_profile_settings(block.get("block_contents", ""))
    tests = manifest.get("unit_tests", {})
    for test in tests.values():
        pointer = f"withheld from the published docs: see {test.get('original_file_path', 'the repository')}"
        for part in [*test.get("given", []), test.get("expect") or {}]:
            if "rows" in part:
                part["rows"] = pointer
            if part.get("fixture"):
                part["fixture"] = pointer
    return html[:start] + json.dumps(manifest, ensure_ascii=False) + html[end:], len(tests)


def publish_docs(source: Path, dest: Path) -> int:
    """Write the site ``source`` to ``dest`` without unit-test fixtures, after a
    clean leak scan; renamed in, so a failure leaves ``dest`` as it was."""
    html, tests = without_unit_test_fixtures(source.read_text(encoding="utf-8"))
    found = identifiers_in(html)
    if found:
        shown = "\n  ".join(f"{kind}: …{context}…" for kind, _, context in found[:10])
        raise DocsPublicationError(f"the docs site holds {len(found)} identifier-shaped value(s):\n  {shown}")
    dest.parent.mkdir(parents=True, exist_ok=True)
    aside = dest.with_name(f".{dest.name}.new")
    aside.write_text(html, encoding="utf-8")
    aside.replace(dest)
    return tests
