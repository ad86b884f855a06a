"""Every id the contract names (triage/README.md's tables) on every surface at once: the built
pages, checker-data.json, the bridge and the command line (tests/audit/contract_check.py, which
also runs by hand against the shared contract: see its docstring)."""
from __future__ import annotations

from pathlib import Path

from contract_check import ROOT, check


def test_every_contract_id_is_on_every_surface(built_site: Path) -> None:
    mismatches = check(built_site, ROOT / "triage" / "README.md")
    assert not mismatches, "\n".join(mismatches)
