"""Fixtures for the site tests: the built site parsed page by page, and throw-away copies of the
project to prove that editors' mistakes stop the build (with the file, the line and the fix)."""
from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitebuild import build, copy_project
from sitehtml import Element, parse_file


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
