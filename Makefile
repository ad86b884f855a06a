# The two commands (see README.md):
#   make serve   set everything up, then preview the site at http://127.0.0.1:8000/
#   make test    set everything up, then run every test
#   make serve-prod   set up, build if needed, serve site/ through nginx (deploy/nginx.conf)
# Each set-up step leaves a stamp file and is skipped while its inputs are unchanged.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

# pyodide-build needs Python 3.12 or newer; the machine's default python3 may be 3.11.
PYTHON := $(shell for p in python3.12 python3.13 python3.14 $$(ls -d $(HOME)/.pyenv/versions/3.1[234]*/bin/python3.1[234] 2>/dev/null); do \
	"$$p" -c 'import sys; assert sys.version_info >= (3, 12)' 2>/dev/null && { command -v "$$p"; break; }; done)

PORT ?= 8080
# What the built site is made from: `make serve-prod` rebuilds it when any of these changed.
SITE_SOURCES := mkdocs.yml pyproject.toml package-lock.json $(shell find content hooks site_templates triage -type f -not -name '*.pyc' 2>/dev/null)
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
NGINX_BIN := /usr/sbin/nginx
BROTLI_MODULE := /usr/lib/nginx/modules/ngx_http_brotli_static_module.so

.PHONY: help serve serve-prod test build bench setup check-content

help:
	@echo "make serve   set up and preview the site at http://127.0.0.1:8000/"
	@echo "make test    set up and run every test"
	@echo "make build   set up and build the site into site/"
	@echo "make serve-prod [PORT=8080]   set up, build if needed, serve site/ through nginx"
	@echo "make bench   set up and print the benchmarks and the fuzz run's findings"
	@echo "make check-content   set up and print each page's reading grade; fails above the limits"

serve: setup
	@echo "==> Serving the site at http://127.0.0.1:8000/ (Ctrl+C stops it)"
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# The site as a real host serves it: nginx with deploy/nginx.conf (headers, precompressed files,
# cache rules), in the foreground, from build/nginx/ (see deploy/serve.py).
serve-prod: setup site/_nginx/page-csp.conf
	$(BIN)/python deploy/serve.py --port $(PORT) --site site --prefix build/nginx

site/_nginx/page-csp.conf: $(SITE_SOURCES) | setup
	@echo "==> Building the site into site/ (its sources changed)"
	$(BIN)/mkdocs build --strict

test: setup
	@echo "==> Running every test"
	$(BIN)/python -m pytest -n 2

build: setup
	@echo "==> Building the site into site/"
	$(BIN)/mkdocs build --strict

# Plain English: every page's reading grade and longest sentence (tests/content/readability.py).
check-content: setup
	@echo "==> Checking how easy the pages are to read"
	$(BIN)/python tests/content/readability.py

bench: setup
	@echo "==> Benchmarks"
	$(BIN)/python tests/bench/engine.py
	$(BIN)/python tests/bench/browser.py
	$(BIN)/python tests/bench/fuzz.py

setup: $(VENV)/.installed node_modules/.installed /usr/bin/chromium graphviz $(NGINX_BIN) $(BROTLI_MODULE)

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (python3.12 not found)"; exit 1; }
	@echo "==> Creating the virtual environment in $(VENV) with $(PYTHON)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "==> Installing Python packages (pyproject.toml [dev])"
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package-lock.json
	@echo "==> Installing npm packages pinned by package-lock.json"
	npm ci --no-audit --no-fund
	touch $@

# Browser tests use Debian's Chromium; Playwright never downloads a browser.
/usr/bin/chromium:
	@echo "==> Installing Debian's Chromium for the browser tests"
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq
	$(if $(filter 0,$(shell id -u)),,sudo) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# The flow page (/checker/flow/) is drawn at build time by Graphviz's `dot` (decisions/flow-graph.md):
# Debian's package, installed like Chromium, and only when no `dot` is on the PATH.
.PHONY: graphviz
graphviz:
	@command -v dot >/dev/null || { \
	  echo "==> Installing Debian's Graphviz for the flow page"; \
	  $(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq; \
	  $(if $(filter 0,$(shell id -u)),,sudo) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz; }

# `make serve-prod` and tests/browser/test_server.py serve the site through Debian's nginx, with
# its brotli module for the precompressed .br files. Debian starts nginx's own service on
# install where an init system runs (not in containers); this project never uses that service.
$(NGINX_BIN) $(BROTLI_MODULE) &:
	@echo "==> Installing Debian's nginx and its brotli module for make serve-prod and its test"
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx libnginx-mod-http-brotli-static
