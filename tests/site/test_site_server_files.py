"""What the build writes for a web server: precompressed copies (hooks/precompress.py) and each
page's CSP header map for nginx (hooks/server_headers.py). The server itself is tested in
tests/browser/test_server.py."""
from __future__ import annotations

import gzip
import hashlib
import re
import sys
from pathlib import Path

import brotli
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))

import precompress  # noqa: E402
import server_headers  # noqa: E402
from sitekit import csp, errors, state  # noqa: E402

from sitehtml import parse_file  # noqa: E402

SCRIPT = "\n".join(f"function step{i}() {{ return 'answer {i}'; }}" for i in range(400)).encode()
MKDOCS_GZ = gzip.compress(b"<urlset/>" * 100, compresslevel=1)


def small_site(root: Path) -> Path:
    site = root / "site"
    (site / "assets").mkdir(parents=True)
    (site / "_nginx").mkdir()
    (site / "assets" / "app.js").write_bytes(SCRIPT)
    (site / "assets" / "tiny.css").write_text("a{}")  # compressed, it would be larger
    (site / "favicon.png").write_bytes(bytes(range(256)) * 8)
    (site / "_nginx" / "page-csp.conf").write_text("map {}\n" * 100)
    (site / "sitemap.xml").write_text("<urlset/>" * 100)
    (site / "sitemap.xml.gz").write_bytes(MKDOCS_GZ)  # MkDocs writes its own
    (site / "assets" / "app.js.br").write_bytes(brotli.compress(b"an older build"))  # `--dirty`
    return site


def test_precompress_writes_gz_and_br_where_they_save_bytes(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    counts = precompress.precompress(site, tmp_path / "cache")
    script = site / "assets" / "app.js"
    assert gzip.decompress((site / "assets" / "app.js.gz").read_bytes()) == SCRIPT
    assert brotli.decompress((site / "assets" / "app.js.br").read_bytes()) == SCRIPT
    assert not list(site.glob("assets/tiny.css.*"))          # saves nothing
    assert not list(site.glob("favicon.png.*"))              # not text
    assert not list(site.glob("_nginx/*.*.*"))               # the server's own configuration
    assert (site / "sitemap.xml.gz").read_bytes() == MKDOCS_GZ  # already right: kept
    assert (site / "sitemap.xml.br").is_file()
    assert counts["files"] == 3 and counts["written"] == 3 and script.stat().st_size == len(SCRIPT)
    (site / "assets" / "tiny.css.gz").write_bytes(gzip.compress(b"a{}"))  # stale, and no use
    precompress.precompress(site, tmp_path / "cache")
    assert not (site / "assets" / "tiny.css.gz").exists()


def test_precompress_reuses_its_cache_and_never_publishes_a_planted_entry(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    precompress.precompress(small_site(tmp_path / "one"), cache)
    assert precompress.precompress(small_site(tmp_path / "two"), cache)["compressed"] == 0
    # Plant another file's bytes under app.js's name in the cache: it is found out and replaced.
    digest = hashlib.sha256(SCRIPT).hexdigest()
    (entry,) = cache.glob(f"{digest}.*.gz")
    entry.write_bytes(gzip.compress(b"alert('planted')" * 100))
    site = small_site(tmp_path / "three")
    assert precompress.precompress(site, cache)["compressed"] == 1
    assert gzip.decompress((site / "assets" / "app.js.gz").read_bytes()) == SCRIPT
    assert cache.stat().st_mode & 0o077 == 0  # owner-only


def test_the_checkers_runtime_gets_brotlis_best_except_in_a_quick_build(tmp_path: Path) -> None:
    """The runtime (checker/pyodide/) at brotli 11 in a production build; at the quick quality
    in the tests' own builds (PRECOMPRESS_QUICK); other files the same either way."""
    for quick, quality in ((False, 11), (True, 5)):
        site = small_site(tmp_path / str(quick))
        runtime = site / "checker" / "pyodide" / "runtime-0123456789ab" / "pyodide.asm.mjs"
        runtime.parent.mkdir(parents=True)
        runtime.write_bytes(SCRIPT)
        precompress.precompress(site, tmp_path / "cache", quick_build=quick)
        assert (runtime.parent / "pyodide.asm.mjs.br").read_bytes() == brotli.compress(SCRIPT, quality=quality)
        assert (site / "assets" / "app.js.br").read_bytes() == brotli.compress(SCRIPT, quality=5)


def test_precompress_prunes_entries_no_build_used(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    precompress.precompress(small_site(tmp_path), cache)
    assert list(cache.iterdir())
    precompress.prune(cache, keep_days=-1)
    assert not list(cache.iterdir())


def test_server_map_gives_each_page_its_own_policy_and_frame_ancestors(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "review").mkdir(parents=True)
    (site / "index.html").write_text("<p>x</p>")
    (site / "review" / "index.html").write_text("<p>x</p>")
    recorded = {"/review/index.html": "default-src 'none'", "/index.html": "default-src 'self'"}
    state.reset()
    policies = server_headers.page_policies(site, recorded)
    assert policies == {"/index.html": "default-src 'self'; frame-ancestors 'none'",
                        "/review/index.html": "default-src 'none'; frame-ancestors 'none'"}
    assert list(policies) == ["/index.html", "/review/index.html"]  # the files' order, not the record's
    text = server_headers.nginx_map(policies)
    assert re.findall(r'^    "(/[^"]*)" "([^"]*)";$', text, re.M) == list(policies.items())
    assert f'default "{server_headers.OTHER_FILES}";' in text  # other files: nothing runs
    assert f'\n    "{server_headers.SCRIPTS}" "{server_headers.worker_policy(policies)}";\n' in text


def test_worker_policy_is_the_checker_pages_without_script_hashes() -> None:
    pages = {"/a/index.html": "script-src 'self' 'sha256-AbC+/=' ; frame-ancestors 'none'",
             "/checker/x/index.html": "script-src 'self' 'sha256-xY+/9=' 'wasm-unsafe-eval'; worker-src 'self'"}
    assert server_headers.worker_policy(pages) == "script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'"


@pytest.mark.parametrize("recorded, problem", [
    ({}, "no Content-Security-Policy"),  # an HTML file no template made (copied from content/)
    ({"/bad/index.html": "script-src $uri"}, "cannot go into nginx"),
    ({"/bad/index.html": 'x" ; add_header X y'}, "cannot go into nginx"),
])
def test_server_map_refuses_a_page_it_cannot_write(tmp_path: Path, recorded: dict[str, str], problem: str) -> None:
    site = tmp_path / "site"
    (site / "bad").mkdir(parents=True)
    (site / "bad" / "index.html").write_text("<p>x</p>")
    (site / "good.html").write_text("<p>x</p>")
    (site / "worse.html").write_text("<p>x</p>")
    state.reset()
    with pytest.raises(errors.BuildStopped, match=problem) as error:
        server_headers.page_policies(site, {**recorded, "/good.html": "default-src 'self'"})
    # every page it cannot write is listed in the one stop, each with the fix
    assert "2 problems" in str(error.value) and "- /worse.html: " in str(error.value)
    assert "- /bad/index.html: " in str(error.value) and "Fix:" in str(error.value)


def test_built_site_has_a_server_map_entry_for_every_page(built_site: Path) -> None:
    """The map holds each built page's own <meta> policy (read here, by the test) as a header."""
    text = (built_site / server_headers.MAP_PATH).read_text(encoding="utf-8")
    mapped = dict(re.findall(r'^    "(/[^"]*)" "([^"]*)";$', text, re.M))
    pages = {"/" + p.relative_to(built_site).as_posix(): p for p in built_site.rglob("*.html")}
    assert set(mapped) == set(pages)
    for uri, path in pages.items():
        metas = parse_file(path).find_all("meta", lambda e: e.attrs.get("http-equiv") == "Content-Security-Policy")
        (own,) = [meta.attrs["content"] for meta in metas]
        assert mapped[uri] == csp.header_policy(own)


def test_built_site_is_precompressed_wherever_it_saves_bytes(built_site: Path) -> None:
    wanted = [p for p in built_site.rglob("*") if p.is_file() and precompress.wanted(p, built_site)]
    assert any(p.suffix == ".wasm" for p in wanted)
    # The checker's standard library and wheel are stored zips (decisions/stdlib-cut.md): brotli'd.
    assert {p.suffix for p in wanted if (p.parent / (p.name + ".br")).is_file()} >= {".wasm", ".zip", ".whl"}
    for path in wanted:
        data = path.read_bytes()
        for suffix, decompress in ((".gz", gzip.decompress), (".br", brotli.decompress)):
            copy = path.with_name(path.name + suffix)
            if copy.exists():
                assert decompress(copy.read_bytes()) == data, copy
            else:
                assert len(precompress.CODECS[suffix][0](data)) >= len(data), f"{copy} is missing"
