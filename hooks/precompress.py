"""Hook: every text, JavaScript, JSON, CSS, SVG and wasm file of the built site, and the checker's
stored zips (its standard library and wheel), also as `.gz` and `.br` beside itself, for hosts
that serve precompressed files (deploy/nginx.conf: `gzip_static`, `brotli_static`), so a server
never compresses the 9.6 MB wasm per request and sends the smallest form the browser accepts.

- Only where it saves bytes: a compressed copy no smaller than its file is not written.
- Only in `mkdocs build` (`make build`, `make serve-prod`, the tests): `mkdocs serve` does not
  serve them, so its rebuilds skip this.
- Fast rebuilds: each compressed copy is cached in build/precompress/ under the sha256 of its
  file's bytes and how it was compressed, and checked (decompressed, hashed) before it is used, so
  a stale or planted file is never published; only new or changed files are compressed.
- Brotli's quality is chosen for build time (measured on this shared machine): the files that
  change with every build (pages, search index, data: 3.6 MB of HTML is 0.71 MB at quality 5 in
  1.4 s, 0.62 MB at 11 in 38 s) get 5; other files over LARGE_BYTES get 9; the checker's zips
  (ARCHIVES) get 11: they change rarely, and the standard library is the second-biggest download.
- The checker's runtime (everything under RUNTIME_DIR: the 9.6 MB wasm, pyodide.asm.mjs, the
  engine's lock) gets brotli's best (11) too: it is most of a cold load and changes only with the
  Pyodide version or the cut, so the cache computes it once (the wasm: 3.10 MB at 9 in 3 s, 2.74
  MB at 11 in about 50 s; decisions/cold-start.md). Not in the tests' builds: with
  PRECOMPRESS_QUICK=1 in the environment (tests/conftest.py sets it) the runtime gets the quick
  qualities above, so a clean clone's test run never spends those 50 s; the bytes served
  decompress to the same files.
"""
from __future__ import annotations

import gzip
import hashlib
import logging
import os
import time
import zlib
from pathlib import Path

import brotli
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from sitekit import state

log = logging.getLogger("mkdocs.hooks.precompress")

ROOT = Path(__file__).resolve().parents[1]
CACHE_DIR = ROOT / "build" / "precompress"
#: What is compressed: text, JavaScript, JSON, CSS, SVG and wasm; zip and wheel files too, as the
#: checker's are stored uncompressed so that brotli sees the whole archive (decisions/stdlib-cut.md;
#: a compressed zip gains nothing and is skipped by the size rule). Images are compressed already.
SUFFIXES = frozenset({".html", ".js", ".mjs", ".json", ".map", ".css", ".svg", ".wasm", ".xml",
                      ".txt", ".webmanifest", ".zip", ".whl"})
LARGE_BYTES = 1_000_000
BROTLI_SMALL, BROTLI_LARGE, BROTLI_BEST = 5, 9, 11
#: The checker's stored zips (its standard library, its wheel) get brotli's best: the library is
#: the biggest download after the wasm and changes only with Pyodide or the modules the rules
#: import (2.8 MB: 0.92 MB at 9, 0.82 MB at 11 in about 11 s, once: the cache keeps it).
ARCHIVES = frozenset({".zip", ".whl"})
#: The checker's Pyodide runtime and engine files (hooks/checker_bundle/publish.py): brotli's best,
#: except in a quick build (QUICK_ENV).
RUNTIME_DIR = "checker/pyodide"
QUICK_ENV = "PRECOMPRESS_QUICK"
#: Never compressed: the generated server configuration (not served, see deploy/nginx.conf).
SKIP_DIRS = frozenset({"_nginx"})
GZIP_LEVEL = 9
#: Cache entries unused for this long are deleted.
KEEP_DAYS = 14


def quick() -> bool:
    """True in a quick build (the tests'): the runtime is not given brotli's best."""
    return os.environ.get(QUICK_ENV, "") not in ("", "0")


def brotli_quality(rel: str, size: int, quick_build: bool = False) -> int:
    """Brotli's quality for the site's file at `rel` (a path relative to the site) of `size` bytes."""
    if Path(rel).suffix in ARCHIVES:
        return BROTLI_BEST
    if not quick_build and rel.startswith(f"{RUNTIME_DIR}/"):
        return BROTLI_BEST
    return BROTLI_LARGE if size > LARGE_BYTES else BROTLI_SMALL


def _gzip(data: bytes, level: int = GZIP_LEVEL) -> bytes:
    return gzip.compress(data, compresslevel=level, mtime=0)


def _brotli(data: bytes, quality: int = BROTLI_SMALL) -> bytes:
    return brotli.compress(data, quality=quality)


#: suffix -> (compress(data, level), decompress, cache tag prefix: the entry's name holds the level)
CODECS = {
    ".gz": (_gzip, gzip.decompress, "gz"),
    ".br": (_brotli, brotli.decompress, "br"),
}


def wanted(path: Path, site_dir: Path) -> bool:
    """True for a file of the site that gets compressed copies."""
    rel = path.relative_to(site_dir)
    return path.suffix in SUFFIXES and not (set(rel.parts[:-1]) & SKIP_DIRS)


def compressed(data: bytes, digest: str, suffix: str, cache_dir: Path, level: int) -> tuple[bytes, bool]:
    """`data` compressed for `suffix` (".gz", ".br") at `level`, and whether it came from the cache.

    A cache entry is used only if it decompresses to bytes whose sha256 is `digest`."""
    compress, decompress, tag = CODECS[suffix]
    entry = cache_dir / f"{digest}.{tag}{level}{suffix}"
    try:
        packed = entry.read_bytes()
        if hashlib.sha256(decompress(packed)).hexdigest() == digest:
            os.utime(entry)  # used: kept by `prune`
            return packed, True
    except (OSError, ValueError, EOFError, zlib.error, brotli.error):
        pass  # missing, or not what its name says: compress again and replace it
    packed = compress(data, level)
    tmp = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    tmp.write_bytes(packed)
    os.replace(tmp, entry)  # atomic: a parallel build reads the old entry or the new one
    return packed, False


def _holds(target: Path, digest: str, suffix: str) -> bool:
    """True if `target` exists and decompresses to the bytes whose sha256 is `digest`."""
    try:
        return hashlib.sha256(CODECS[suffix][1](target.read_bytes())).hexdigest() == digest
    except (OSError, ValueError, EOFError, zlib.error, brotli.error):
        return False


def precompress(site_dir: Path, cache_dir: Path = CACHE_DIR, quick_build: bool | None = None) -> dict[str, int]:
    """Write `.gz` and `.br` beside every file `wanted` in `site_dir` where that saves bytes;
    `quick_build`: see `brotli_quality` (by default, from the environment: `quick`).

    Returns counts: files seen, copies written, copies compressed now (not from the cache),
    bytes of the files, and bytes of the smallest form of each (what a browser accepting
    brotli downloads).
    """
    quick_build = quick() if quick_build is None else quick_build
    cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    counts = {"files": 0, "written": 0, "compressed": 0, "bytes": 0, "smallest": 0}
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file() and wanted(p, site_dir)):
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        counts["files"] += 1
        counts["bytes"] += len(data)
        best = len(data)
        levels = {".gz": GZIP_LEVEL,
                  ".br": brotli_quality(path.relative_to(site_dir).as_posix(), len(data), quick_build)}
        for suffix in CODECS:
            target = path.with_name(path.name + suffix)
            if _holds(target, digest, suffix) and target.stat().st_size < len(data):
                best = min(best, target.stat().st_size)  # e.g. MkDocs' own sitemap.xml.gz
                continue
            packed, from_cache = compressed(data, digest, suffix, cache_dir, levels[suffix])
            counts["compressed"] += not from_cache
            if len(packed) >= len(data):
                target.unlink(missing_ok=True)  # saves nothing: the server sends the file itself
                continue
            target.write_bytes(packed)
            counts["written"] += 1
            best = min(best, len(packed))
        counts["smallest"] += best
    return counts


def prune(cache_dir: Path = CACHE_DIR, keep_days: float = KEEP_DAYS) -> None:
    """Forget cache entries no build has used for `keep_days` (old pages, old runtimes)."""
    cutoff = time.time() - keep_days * 86400
    for entry in cache_dir.iterdir():
        try:
            if entry.stat().st_mtime < cutoff:
                entry.unlink()
        except OSError:
            pass  # another build removed it first


@event_priority(-200)  # last of all: after every file of the site is written
def on_post_build(config: MkDocsConfig) -> None:
    if state.current().serving:
        return
    started = time.monotonic()
    counts = precompress(Path(config.site_dir))
    prune()
    log.info(
        "Precompressed %d files: %d .gz/.br copies (%d compressed now, the rest cached), "
        "%.1f MB -> %.1f MB in %.1f s%s",
        counts["files"], counts["written"], counts["compressed"], counts["bytes"] / 1e6,
        counts["smallest"] / 1e6, time.monotonic() - started,
        f" ({QUICK_ENV}: the checker's runtime not at brotli's best)" if quick() else "",
    )
