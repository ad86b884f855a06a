"""Serve a built site through nginx with deploy/nginx.conf, in the foreground (`make serve-prod`).

    python deploy/serve.py [--port 8080] [--site site] [--prefix build/nginx]

Makes the prefix folder nginx runs in (the configuration with its `listen` line set to the port,
`site` linking to the built site, `temp/`), checks the configuration (`nginx -t`), then runs
nginx in its place (`daemon off`, errors to stderr; Ctrl+C stops it). Nothing outside the prefix
is written, so a normal user can run it; as root, nginx's workers run as the owner of the site.
The tests use `prepare` and `command` to start the same server (tests/browser/test_server.py).
Standard library only.
"""
from __future__ import annotations

import argparse
import os
import pwd
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "deploy" / "nginx.conf"
#: The one `listen` line of deploy/nginx.conf that a local run replaces.
LISTEN = re.compile(r"^(\s*)listen 127\.0\.0\.1:8080;.*$", re.M)
#: Written by the build (hooks/server_headers.py); deploy/nginx.conf includes it.
CSP_MAP = Path("_nginx") / "page-csp.conf"
NGINX_PATHS = ("/usr/sbin/nginx", "/usr/local/sbin/nginx")


class ServeError(Exception):
    """A plain-English reason the server cannot start, with what to do."""


def find_nginx() -> str | None:
    """nginx's binary (it is in /usr/sbin, often not on a normal user's PATH), or None."""
    found = shutil.which("nginx")
    if found:
        return found
    return next((p for p in NGINX_PATHS if os.access(p, os.X_OK)), None)


def prepare(site: Path, prefix: Path, port: int, host: str = "127.0.0.1") -> Path:
    """Make `prefix` ready for nginx to serve `site` on host:port; returns its nginx.conf."""
    site = site.resolve()
    if not (site / "index.html").is_file() or not (site / CSP_MAP).is_file():
        raise ServeError(
            f"{site} is not a built site (no index.html or {CSP_MAP.as_posix()}).\n"
            "  Fix: build it first: `make build` (or `make serve-prod`, which builds it)."
        )
    if not 0 < port < 65536:
        raise ServeError(f"port {port} is not a TCP port.\n  Fix: PORT=8080 or another number from 1024 to 65535.")
    text = CONFIG.read_text(encoding="utf-8")
    if len(LISTEN.findall(text)) != 1:
        raise ServeError(f"{CONFIG}: expected exactly one `listen 127.0.0.1:8080;` line to set the port.")
    text = LISTEN.sub(lambda m: f"{m.group(1)}listen {host}:{port};  # set by deploy/serve.py", text)
    prefix.mkdir(parents=True, exist_ok=True)
    (prefix / "temp").mkdir(exist_ok=True)
    link = prefix / "site"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(site, target_is_directory=True)
    conf = prefix / "nginx.conf"
    conf.write_text(f"# Made by deploy/serve.py from deploy/nginx.conf: edit that file.\n{text}", encoding="utf-8")
    return conf


def command(nginx: str, conf: Path, *extra: str) -> list[str]:
    """The nginx command line for a prefix made by `prepare` (foreground, errors to stderr)."""
    prefix = conf.parent.resolve()
    directives = "daemon off;"
    if os.geteuid() == 0:
        # Root's workers would otherwise run as `nobody`, who may not read the project's files.
        owner = pwd.getpwuid((prefix / "site").resolve().stat().st_uid).pw_name
        directives += f" user {owner};"
    return [nginx, "-p", f"{prefix}/", "-c", str(conf.resolve()), "-e", "stderr", "-g", directives, *extra]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--prefix", type=Path, default=ROOT / "build" / "nginx")
    args = parser.parse_args(argv)
    nginx = find_nginx()
    try:
        if nginx is None:
            raise ServeError("nginx is not installed.\n  Fix: `make setup` installs Debian's nginx.")
        conf = prepare(args.site, args.prefix, args.port)
    except ServeError as error:
        print(f"serve-prod: {error}", file=sys.stderr)
        return 2
    check = subprocess.run(command(nginx, conf, "-t", "-q"), capture_output=True, text=True)
    if check.returncode != 0:
        print(f"serve-prod: nginx refused {conf}:\n{check.stderr}", file=sys.stderr)
        return 2
    print(f"==> Serving {args.site} through nginx at http://127.0.0.1:{args.port}/ (Ctrl+C stops it)", flush=True)
    run = command(nginx, conf)
    os.execv(run[0], run)
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
