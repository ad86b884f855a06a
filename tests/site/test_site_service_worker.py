"""The service worker the build writes (hooks/service_worker.py, hooks/offline/): what its
manifest keeps, that its version follows the files, and that `mkdocs serve` has none. The worker
in a browser is tested in tests/browser/test_offline.py."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import triage

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "hooks"))

import service_worker  # noqa: E402
from offline import manifest  # noqa: E402
from server_process import serving  # noqa: E402 - tests/server_process.py

_MANIFEST = re.compile(r"^const MANIFEST = (\{.*\});$", re.M)


def test_the_manifest_keeps_the_guidance_pages_app_and_data_and_the_engine_on_use(built_site: Path) -> None:
    text = (built_site / "sw.js").read_text(encoding="utf-8")
    found = json.loads(_MANIFEST.search(text).group(1))
    states = {s.url_path.lstrip("/") for s in triage.static_states()} - {triage.START_URL.lstrip("/")}
    for address in ("", "review/", "privacy/", "checker/", triage.START_URL.lstrip("/"),
                    "checker/checker-data.json", "assets/checker/app.js", "search/search_index.json"):
        assert address in found["precache"], address
    assert not states & set(found["precache"]), "checker states' pages are for people without JavaScript"
    assert found["onUse"] and all(a.startswith(manifest.ENGINE) for a in found["onUse"])
    assert not any(a.endswith((".gz", ".br", ".map")) or a.startswith("_nginx") for a in [*found["precache"], *found["onUse"]])
    version = json.loads((built_site / manifest.CHECKER_DATA).read_text(encoding="utf-8"))["version"]
    assert found["query"] == f"?v={version}"
    for address, rev in found["precache"].items():
        path = built_site / (address + "index.html" if address in ("",) or address.endswith("/") else address)
        assert manifest.revision(path.read_bytes()) == rev, address


def test_any_changed_file_is_a_new_version(built_site: Path, tmp_path: Path) -> None:
    site = Path(shutil.copytree(built_site, tmp_path / "site", ignore=shutil.ignore_patterns("pyodide")))
    before = service_worker.worker_source(site)[1]
    assert service_worker.worker_source(site)[1].version == before.version  # same files, same worker
    page = site / "review" / "index.html"
    page.write_bytes(page.read_bytes() + b"\n")
    after = service_worker.worker_source(site)[1]
    assert after.version != before.version
    assert {a for a in before.precache if before.precache[a] != after.precache[a]} == {"review/"}


def test_mkdocs_serve_registers_no_worker() -> None:
    """The editors' live preview: its pages name no worker (app.js then removes any) and it has no
    sw.js, so a preview is never a kept copy."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")

    def command(port: int) -> list[str]:
        return [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--no-livereload"]

    # mkdocs serve listens once its first build is done: then every page is there.
    with serving(command, seconds=120, attempts=1, stop_timeout=20, cwd=ROOT, env=env,
                 stdout=subprocess.DEVNULL) as port:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/review/", timeout=5) as response:
            page = response.read().decode("utf-8")
        assert "assets/javascripts/app.js" in page and "data-service-worker" not in page
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/sw.js", timeout=5)
            raise AssertionError("mkdocs serve serves a service worker")
        except urllib.error.HTTPError as error:
            assert error.code == 404


def test_a_built_page_names_the_worker(built_site: Path) -> None:
    for page, expected in (("index.html", "sw.js"), ("review/index.html", "../sw.js")):
        assert f'data-service-worker="{expected}"' in (built_site / page).read_text(encoding="utf-8"), page
