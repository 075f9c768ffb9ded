# Two commands on a fresh machine: `make run` serves the app, `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
HTTPS_PORT ?= 8443
# App processes behind `make serve`: one per core (a meeting's readers arrive at once; one process
# answers on one core at a time). `make serve APPS=1` for one.
APPS ?= $(shell nproc 2>/dev/null || echo 1)
LISTEN ?= 127.0.0.1

.PHONY: run data lock lint test test-unit test-browser chromium nginx serve light bench bench-offices eval-ingest eval-real clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Every package, direct or not, installs at the version and hash the lock files name (`make lock` remakes them).
$(VENV)/.app-installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev-installed: requirements-dev.lock $(VENV)/.app-installed
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $@

# The lock files from requirements.txt (the app) and requirements-dev.txt (the tests, the linter and the
# type checker), with hashes; pip-tools runs in a throwaway venv of its own.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv && .lock-venv/bin/pip install --quiet pip-tools
	.lock-venv/bin/pip-compile --quiet --generate-hashes --no-emit-index-url --no-emit-find-links --allow-unsafe \
	  --strip-extras -o requirements.lock requirements.txt
	.lock-venv/bin/pip-compile --quiet --generate-hashes --no-emit-index-url --no-emit-find-links --allow-unsafe \
	  --strip-extras -o requirements-dev.lock requirements.txt requirements-dev.txt
	rm -rf .lock-venv

# ruff over the whole tree, then the type checker over lib/, the pages and deploy/ (mypy.ini).
lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/mypy

# Builds a snapshot only when none exists; `make data` always validates and builds if the data changed.
# Streamlit opens every page once (deploy/warm.py) before the address is printed: the first reader waits no longer than the next.
run: $(VENV)/.app-installed
	@ls data/snapshots/*/manifest.json >/dev/null 2>&1 || $(BIN)/python -m lib.pipeline.build
	$(BIN)/python -m deploy.run --port $(PORT)

# Sets (or replaces) the staff password: asks twice, or takes STAFF_PASSWORD; stores only its hash.
.PHONY: staff-password
staff-password: $(VENV)/.app-installed
	@$(BIN)/python -m lib.web.staff_access set-password .streamlit/secrets.toml

# Named staff accounts (README, "Offices and approval"): make staff-user ARGS="add lan --role nhap_lieu --units tieu-can",
# ARGS="set-password lan" (asks twice or reads STAFF_PASSWORD), set-role, set-units, disable, enable, list.
.PHONY: staff-user audit-verify
staff-user: $(VENV)/.app-installed
	@$(BIN)/python -m lib.offices.accounts $(or $(ARGS),list)

# The trail of staff actions: its entries count and the first entry edited or removed (exit 1 then).
audit-verify: $(VENV)/.app-installed
	@$(BIN)/python -m lib.offices.trail verify

data: $(VENV)/.app-installed
	$(BIN)/python -m lib.pipeline.build

# Debian's Chromium for the browser tests; never a downloaded browser.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Debian's nginx (its brotli modules, and brotli to compress Streamlit's files once) for `make serve`
# and the proxy tests.
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
	  echo "Installing Debian's nginx for the proxy"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }
	@test -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so && command -v brotli >/dev/null 2>&1 || { \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libnginx-mod-http-brotli-filter \
	    libnginx-mod-http-brotli-static brotli >/dev/null 2>&1 || echo "No brotli for nginx: gzip only"; }

# nginx on https://localhost:$(HTTPS_PORT) (self-signed; LISTEN=0.0.0.0 for other machines) in front of
# $(APPS) app process(es) from port $(PORT).
serve: $(VENV)/.app-installed nginx
	@ls data/snapshots/*/manifest.json >/dev/null 2>&1 || $(BIN)/python -m lib.pipeline.build
	$(BIN)/python -m deploy.serve --apps $(APPS) --https-port $(HTTPS_PORT) --first-app-port $(PORT) --listen $(LISTEN)

# The light pages (plain HTML) of the newest snapshot, into data/light/.
light: $(VENV)/.app-installed
	$(BIN)/python -m deploy.serve --light-only

test: lint chromium nginx
	$(BIN)/python -m pytest

test-unit: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -m "not browser"

test-browser: $(VENV)/.dev-installed chromium nginx
	$(BIN)/python -m pytest -m browser

# Speed budgets at seed size and ~12 M rows, 20 readers filtering at once for a minute, a phone on
# slow 4G and fast 3G straight and through the proxy, then 100 protocol-level sessions for two minutes,
# a fresh process's first reader warmed and not, then a meeting's start through `make serve` ($(APPS)
# processes): 40 readers over the protocol and 10 browsers opening the same link within 10 s; then 50
# communes' drafts approved one by one (bench-offices).
bench: $(VENV)/.dev-installed chromium nginx
	$(BIN)/python -m bench.run; status=$$?; $(BIN)/python -m bench.many_users || status=1; \
	$(BIN)/python -m bench.network || status=1; $(BIN)/python -m bench.protocol || status=1; \
	$(BIN)/python -m bench.protocol --apps 2 || status=1; \
	$(BIN)/python -m bench.protocol --first-open || status=1; \
	$(BIN)/python -m bench.protocol --burst 40 --within 10 --apps $(APPS) || status=1; \
	$(BIN)/python -m bench.many_users --burst 10 --within 10 --apps $(APPS) || status=1; \
	$(BIN)/python -m bench.long_work || status=1; $(BIN)/python -m bench.offices || status=1; exit $$status

# 50 communes' drafts prepared by 50 accounts and approved (each a snapshot) by the province's two approvers.
bench-offices: $(VENV)/.app-installed
	$(BIN)/python -m bench.offices

# The extractor measured on the seed report and the labelled passage sets in tests/passages.
eval-ingest: $(VENV)/.app-installed
	$(BIN)/python -m lib.pipeline.ingest.evaluate tests/passages

eval-real: $(VENV)/.app-installed
	$(BIN)/python -m lib.pipeline.ingest.evaluate --real tests/real

clean:
	rm -rf $(VENV) artifacts .pytest_cache
