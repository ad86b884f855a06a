"""Fixtures for the site tests: the built site parsed page by page, and throw-away copies of the
project to prove that editors' mistakes stop the build (with the file, the line and the fix)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitehtml import Element, parse_file

ROOT = Path(__file__).resolve().parents[2]
# Not copied into a throw-away project: history, environments, outputs and the tests themselves.
_SKIP = {".git", ".venv", "node_modules", "site", "build", "dist", "tests", "__pycache__",
         ".pytest_cache", ".hypothesis", "test-results"}


@dataclass(frozen=True)
class BuiltPage:
    path: Path          # site/review/index.html
    route: str          # "/review/"
    tree: Element

    @property
    def body(self) -> Element:
        body = self.tree.find("body")
        assert body is not None, f"{self.route}: no <body>"
        return body

    @property
    def page_id(self) -> str:
        return self.body.attrs.get("data-page-id", "")

    @property
    def article(self) -> Element:
        article = self.tree.find("article", lambda e: e.attrs.get("id") == "main-content")
        assert article is not None, f"{self.route}: no <article id=main-content>"
        return article


def route_of(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


@pytest.fixture(scope="session")
def built_pages(built_site: Path) -> dict[str, BuiltPage]:
    """Every HTML page of the built site, by route ("/review/"), except the checker's Pyodide files."""
    pages = {}
    for path in sorted(built_site.rglob("*.html")):
        route = route_of(built_site, path)
        pages[route] = BuiltPage(path, route, parse_file(path))
    return pages


@pytest.fixture(scope="session")
def content_pages(built_pages: dict[str, BuiltPage]) -> dict[str, BuiltPage]:
    """Pages made from Markdown (not 404.html), by page id."""
    by_id = {}
    for page in built_pages.values():
        if page.route == "/404.html":
            continue
        assert page.page_id, f"{page.route}: <body> has no data-page-id"
        assert page.page_id not in by_id, f"{page.route} and {by_id[page.page_id].route} share an id"
        by_id[page.page_id] = page
    return by_id


#: Hooks a throw-away copy can do without: the Pyodide bundle builds a wheel (slow, and not what
#: these tests are about). The site's own build (`built_site`) always runs every hook.
SLOW_HOOKS = ("hooks/pyodide_bundle.py",)


def copy_project(dest: Path, *, without_hooks: tuple[str, ...] = SLOW_HOOKS) -> Path:
    """A copy of the project an editor could break, without history, outputs or tests."""
    shutil.copytree(ROOT, dest, ignore=lambda _dir, names: [n for n in names if n in _SKIP])
    if (ROOT / "node_modules").is_dir():
        (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    config = dest / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(l for l in lines if not any(f"- {h}" in l for h in without_hooks)),
                      encoding="utf-8")
    return dest


def build(project: Path, site_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
         str(site_dir or project / "site")],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def build_variant(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., subprocess.CompletedProcess[str]]:
    """build_variant(edit) copies the project, lets `edit(project_root)` break it, and builds it."""

    def run(edit: Callable[[Path], None]) -> subprocess.CompletedProcess[str]:
        project = copy_project(tmp_path_factory.mktemp("variant") / "project")
        edit(project)
        return build(project)

    return run
