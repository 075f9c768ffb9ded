# Two commands on a fresh machine: `make run` serves the app, `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run data test test-unit test-browser chromium bench eval-ingest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.app-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt $(VENV)/.app-installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Builds a snapshot only when none exists; `make data` always validates and builds if the data changed.
run: $(VENV)/.app-installed
	@ls data/snapshots/*/manifest.json >/dev/null 2>&1 || $(BIN)/python -m lib.pipeline.build
	$(BIN)/streamlit run app.py --server.port $(PORT)

# Sets (or replaces) the staff password: asks twice, or takes STAFF_PASSWORD; stores only its hash.
.PHONY: staff-password
staff-password: $(VENV)/.app-installed
	@$(BIN)/python -m lib.web.staff_access set-password .streamlit/secrets.toml

data: $(VENV)/.app-installed
	$(BIN)/python -m lib.pipeline.build

# Debian's Chromium for the browser tests; never a downloaded browser.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: $(VENV)/.dev-installed chromium
	$(BIN)/python -m pytest

test-unit: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -m "not browser"

test-browser: $(VENV)/.dev-installed chromium
	$(BIN)/python -m pytest -m browser

# Speed budgets at seed size and ~12 M rows, then 20 readers filtering at once for a minute.
bench: $(VENV)/.dev-installed chromium
	$(BIN)/python -m bench.run; status=$$?; $(BIN)/python -m bench.many_users || status=1; exit $$status

# The extractor measured on the seed report and the labelled passage sets in tests/passages.
eval-ingest: $(VENV)/.app-installed
	$(BIN)/python -m lib.pipeline.ingest.evaluate tests/passages

clean:
	rm -rf $(VENV) artifacts .pytest_cache
