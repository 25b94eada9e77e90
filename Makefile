# Why ReLU? — every command a reader or contributor needs.
# `make serve` to preview, `make test` to check everything. Both set
# themselves up on a fresh machine (virtual environment from the lock, and
# the browser the tests drive).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# uv, the installer (pinned below)
UV_VERSION := 0.13.9
UV_PIN := site_src/devtools/uv-requirements.txt
UV := .tmp/uv-$(UV_VERSION)/bin/uv
CHECK_PYTHON := $(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) else "Python 3.11.5 or newer is needed: set PYTHON=python3.11 (or python3.12, python3.13)")'
HOST ?= 127.0.0.1
PORT ?= 8000

# Material 9.8 prints an end-of-life banner on every run; it says nothing new.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
# Reproducible output: dates come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1780000000)

.PHONY: help setup serve site test bench lock browser clean lighthouse

help:
	@echo "make serve   build and serve the site on http://$(HOST):$(PORT)/whyrelu/ with live reload (Ctrl+C stops it)"
	@echo "make test    run every test (snippets, strict build, code blocks, browser, lint)"
	@echo "make site    build the static site into site/"
	@echo "make bench   measure build speed; ends with one JSON line"
	@echo "make lighthouse  Lighthouse mobile performance of the explorable pages, served compressed"
	@echo "make lock    regenerate requirements.lock from requirements.in"
	@echo "make anchors add new page and heading ids to site_src/anchors.txt (PRUNE=1: drop never-published ones)"

# Every package from the lock, each checked against its hashes (the installer
# refuses a file whose hash the lock does not list, and any package the lock
# lacks). Then the project itself, in editable mode and without dependencies
# (the lock has them all): that registers the build's plugin, `whyrelu`
# (site_src/plugin.py), with ProperDocs and MkDocs, and makes site_src
# importable from anywhere. Without build isolation: its build backend,
# setuptools, is the lock's, hash-checked like the rest, instead of one
# fetched unchecked. The installer is uv (below): the same lock that pip
# takes a minute over, uv installs in seconds, fetching in parallel.
# uv is made here, not as a prerequisite: make would otherwise make it for
# every command that needs the stamp, even with .venv up to date.
$(STAMP): requirements.lock pyproject.toml
	@$(CHECK_PYTHON)
	@$(MAKE) --no-print-directory $(UV)
	$(PYTHON) -m venv $(VENV)
	$(UV) pip install --quiet --python $(BIN)/python --require-hashes -r requirements.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	touch $@

# Front-end test tools (axe-core, and vnu-jar: the Nu HTML Checker, run with
# the machine's Java) from the npm registry, by the lock file. No install
# scripts: vnu-jar's would fetch a Java runtime when none is on the PATH.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $@

NODE_DEPS := $(if $(wildcard package.json),$(NODE_STAMP),)

setup: $(STAMP) $(NODE_DEPS)

browser:
	@bash site_src/devtools/ensure_browser.sh

# `python -m properdocs`, not the properdocs script: Python then imports
# site_src (the plugin's code) from this folder first, so a second checkout
# or worktree sharing the same .venv builds with its own code.
serve: $(STAMP)
	$(BIN)/python -m properdocs serve --dev-addr $(HOST):$(PORT) --livereload --no-strict

# Built beside site/ and swapped in only when the whole build succeeded, so a
# failed build never leaves a half-new or stale site behind. The stamp's time
# is when the build began: `make anchors` reuses site/ when no source is newer.
site: $(STAMP)
	rm -rf site.tmp
	mkdir -p .cache && touch .cache/site.building
	$(BIN)/python -m properdocs build --strict --site-dir site.tmp
	rm -rf site && mv site.tmp site
	mv .cache/site.building .cache/site.built

# In parallel, one pytest worker per core (at most 4; TEST_WORKERS=0 runs them
# in this one process). What is expensive is made once and shared: see
# tests/conftest.py. The browser tests share one Chromium: one worker.
TEST_WORKERS ?= auto
test: $(STAMP) $(NODE_DEPS) browser
	$(BIN)/pytest -n $(TEST_WORKERS) --maxprocesses 4 --dist loadgroup

bench: $(STAMP)
	$(BIN)/python -m site_src.devtools.bench

# Lighthouse (an npm devDependency) in the machine's Chromium, mobile preset,
# on the pages with an explorable, served gzip-compressed from 127.0.0.1 as a
# static host serves them (site_src/devtools/serve_static.py). A score moves a few
# points with the machine's load: LIGHTHOUSE_RUNS=3 reports the median.
LIGHTHOUSE_RUNS ?= 1
lighthouse: site $(NODE_DEPS) browser
	$(BIN)/python -m site_src.devtools.lighthouse --runs $(LIGHTHOUSE_RUNS)

# uv, pinned by version and hash (site_src/devtools/uv-requirements.txt), in a
# venv of its own under .tmp/ (not the project's): it installs the project's
# lock and writes it (`make lock`).
# `--version` before the stamp: on a platform the pin leaves out, pip skips
# uv and succeeds, and no uv must not pass for one.
$(UV): $(UV_PIN)
	@$(CHECK_PYTHON)
	$(PYTHON) -m venv .tmp/uv-$(UV_VERSION)
	.tmp/uv-$(UV_VERSION)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r $(UV_PIN)
	$@ --version > /dev/null
	touch $@

# One lock for Linux and macOS, Python 3.11.5 and newer ([tool.uv] in
# pyproject.toml names the platforms), every file's hash included. Versions
# already in the lock are kept when they still fit: `make lock` after an edit
# of requirements.in changes only what the edit needs (delete the lock to
# take the newest of everything). The header records requirements.in's
# hash; tests/test_lock.py fails when the two disagree.
lock: $(UV)
	$(UV) pip compile requirements.in --universal --generate-hashes \
	  --python-version 3.11.5 --no-emit-index-url --no-emit-find-links \
	  --custom-compile-command "make lock" --quiet -o requirements.lock
	{ echo "# requirements.in sha256: $$($(PYTHON) -c 'import hashlib; print(hashlib.sha256(open("requirements.in", "rb").read()).hexdigest())')"; \
	  grep -v '^# requirements.in sha256: ' requirements.lock; } > .tmp/requirements.lock
	mv .tmp/requirements.lock requirements.lock

clean:
	rm -rf site site.tmp .cache

# ================================================================ contributors
# Scaffolding and code style for contributors (CONTRIBUTING.md). Kept in this
# block of its own, apart from the build and test targets above.
#
#   make new-answer SLUG=leaky-relu TITLE="What does a leaky ReLU fix?"
#       [CLAIM=short-answer] [QUESTION=Q4]
#   make lint      ruff check and ruff format --check (also run by make test)
#   make format    apply ruff's fixes and formatting
.PHONY: new-answer lint format
CLAIM ?= short-answer
QUESTION ?= new
RUFF_PATHS := site_src snippets tests

# Single quotes keep the title's spaces, quotes and punctuation intact.
new-answer: $(STAMP)
	@$(BIN)/python -m site_src.devtools.scaffold '$(subst ','\'',$(SLUG))' '$(subst ','\'',$(TITLE))' \
	  --claim '$(subst ','\'',$(CLAIM))' --question '$(subst ','\'',$(QUESTION))'

lint: $(STAMP)
	$(BIN)/ruff check $(RUFF_PATHS)
	$(BIN)/ruff format --check $(RUFF_PATHS)

format: $(STAMP)
	$(BIN)/ruff check --fix $(RUFF_PATHS)
	$(BIN)/ruff format $(RUFF_PATHS)

# ================================================================ permanent anchors
# site_src/anchors.txt lists every published page and heading id, and
# tests/test_anchors.py fails when one disappears without a redirect. After
# adding pages or headings, add them to the list. It reads site/ when
# `make site` built it after the last edit (a second or two), and otherwise
# builds the site into a temporary folder first (about 15 s, warm cache):
#
#   make anchors            add what a fresh build publishes
#   make anchors PRUNE=1    also drop ids that are gone (never-published ones only)
.PHONY: anchors
anchors: $(STAMP)
	$(BIN)/python -m site_src.outputs.anchors update $(if $(PRUNE),--prune,)
