# `make run` and `make test` work on a fresh machine with Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run demo test test-fast test-browser bench loadtest lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/python manage.py migrate --noinput --verbosity 0
	$(BIN)/python manage.py load_demo

run: demo
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Tests run in parallel, one process per core; a module's tests stay together
# (the demo and Chromium are started once per module).
XDIST := -n auto --dist loadfile

# Every test, including the browser tests when /usr/bin/chromium is installed
# and the two-server test when PostgreSQL and Redis are (see README).
test: install
	$(BIN)/python -m pytest -q $(XDIST) $(PYTEST_ARGS)

# The edit loop: everything but the browser, the demo and the real servers.
test-fast: install
	$(BIN)/python -m pytest -q $(XDIST) -m "not browser and not demo and not servers" $(PYTEST_ARGS)

bench: install
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.breakouts
	$(BIN)/python -m bench.themes
	$(BIN)/python -m bench.reports
	$(BIN)/python -m bench.outcomes
	$(BIN)/python -m bench.bad_input

# Needs PostgreSQL (LOADTEST_DATABASE_URL); LOADTEST_SECONDS sets the length. See README.
loadtest: install
	$(BIN)/python -m bench.loadtest

test-browser: install
	$(BIN)/python -m pytest -q -m browser tests/browser

lint: install
	$(BIN)/python -m ruff check .

clean:
	rm -rf $(VENV) var db.sqlite3
