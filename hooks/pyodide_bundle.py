"""Hook: ship the checker's rules to the browser: the Pyodide runtime plus the `triage` wheel.

The MkDocs events only; each job is a module of hooks/checker_bundle/ (its __init__ lists them),
and this file re-exports their public names (`bundle`, `publish`, `BundleError`, ...).

The browser checker runs the very same `triage` package as the build and the tests, as an
ordinary `py3-none-any` wheel (built here by hatchling, offline) listed with its sha256 in a
Pyodide lock file made by pyodide-build. The lock lists *only* what the site hosts, so Pyodide
can never go looking for a package on a CDN.

What ends up in `<site_dir>/checker/pyodide/` (`PUBLIC_DIR`), in two folders named by a hash of
what is in them (see `publish`)::

    runtime-<hash>/  pyodide.mjs  pyodide.asm.mjs  pyodide.asm.wasm       (from node_modules/pyodide)
                     python_stdlib.zip          (cut to the modules Pyodide's boot and the checker
                                                 import, as bytecode only, compiled by that Pyodide
                                                 and checked: `precompile`, decisions/stdlib-cut.md)
    triage-<hash>/   triage-<version>-py3-none-any.whl   (with its bytecode beside its sources)
                     pyodide-lock.json                  (pruned to `triage`)

The checker's worker (site_templates/assets/checker/worker.js) loads it with the paths the
checker pages carry in <meta> tags: it boots Pyodide from the runtime folder, fetches the wheel
the lock names (next to the lock, with the lock's sha256 as its Subresource Integrity) and puts
it on sys.path as it is, where Python imports the package straight from the zip::

    const lock = fetch("<base>/checker/pyodide/triage-<hash>/pyodide-lock.json").then((r) => r.json());
    const pyodide = await loadPyodide({ indexURL: "<base>/checker/pyodide/runtime-<hash>/",
                                        lockFileContents: lock });
    mountWheel(pyodide, fileName, bytes);   // worker.js
    pyodide.pyimport("triage.bridge");

Used three ways:

- as a MkDocs hook (`hooks:` in mkdocs.yml): `on_config` makes the bundle if its sources changed
  (cached on disk by a hash of them, so most `mkdocs serve` rebuilds only copy files; the cache
  is in build/ or a per-user folder, owner-only, and checked file by file against the sha256s
  of its manifest before anything in it is published or run: see `cache.verified`) and exposes
  its paths to templates as `config.extra.pyodide`, `on_post_build` copies it into the site,
  `on_serve` watches `triage/` and the wording;
- from the tests and benchmarks: `bundle(dest_dir)`;
- piecemeal: `build_wheel(out_dir)`, `precompile(wheel, out_dir)`, `write_lock(wheel, out_dir)`.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

if str(Path(__file__).parent) not in sys.path:  # imported by path (tests, benchmarks)
    sys.path.insert(0, str(Path(__file__).parent))

from checker_bundle import bytecode, cache, files  # noqa: E402, F401  (tests point their settings elsewhere)
from checker_bundle.assemble import bundle  # noqa: E402, F401
from checker_bundle.bytecode import precompile  # noqa: E402, F401
from checker_bundle.cache import MANIFEST_NAME, USER_CACHE_NAME  # noqa: E402, F401
from checker_bundle.current import cached_bundle, source_hash  # noqa: E402, F401
from checker_bundle.files import (  # noqa: E402, F401
    LOCK_NAME, PACKAGE, PUBLIC_DIR, RUNTIME_FILES, BundleError, log, pyodide_version,
)
from checker_bundle.lock import write_lock  # noqa: E402, F401
from checker_bundle.publish import publish, template_context  # noqa: E402
from checker_bundle.wheel import WHEEL_SOURCES, build_wheel  # noqa: E402, F401
from sitekit import errors, state  # noqa: E402


def _plugin_error(exc: Exception) -> Exception:
    """The build's collector (hooks/sitekit/errors.py): stop with this and whatever came before."""
    errors.report("hooks/pyodide_bundle.py", None, f"the Pyodide bundle ({PUBLIC_DIR}) could not be made: {exc}",
                  "do what the message says, then build again")
    try:
        errors.stop_if_any()
    except errors.BuildStopped as stopped:
        return stopped
    raise AssertionError("unreachable")  # pragma: no cover


def on_config(config: Any) -> Any:
    """Expose the bundle to templates as `config.extra.pyodide` (`dir`, `module`, `lock`, `version`).

    The bundle found here is kept in the build's state for on_post_build: finding it hashes every
    source and checks every cached file, once a build is enough.
    """
    try:
        found = state.current().checker_bundle = cached_bundle()
        config.extra.setdefault("pyodide", template_context(found))
    except (BundleError, OSError) as exc:
        raise _plugin_error(exc) from exc
    return config


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Rebuild on `mkdocs serve` when the rules or the wheel's other sources change."""
    for rel in WHEEL_SOURCES:
        if (files.ROOT / rel).exists():
            server.watch(str(files.ROOT / rel))
    return server


def on_post_build(config: Any) -> None:
    """Write the Pyodide runtime, the `triage` wheel and its lock into `<site_dir>/checker/pyodide/`."""
    try:
        info = publish(config["site_dir"], state.current().checker_bundle)
    except (BundleError, OSError) as exc:
        raise _plugin_error(exc) from exc
    (log.debug if info["cached"] else log.info)(
        "Pyodide %s bundle in %s: %s (%d bytes, sha256 %s…)%s",
        info["pyodide_version"], PUBLIC_DIR, info["wheel"], info["wheel_bytes"], info["sha256"][:12],
        " [cached]" if info["cached"] else "",
    )
