# Two commands for a new machine with Python 3.11 and make:
#   make run    the app on SQLite with demo data at http://127.0.0.1:$(PORT)/
#   make test   the whole test suite (SQLite, or DATABASE_URL when set)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test install lint messages clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

run: install
	DEBUG=1 PORT=$(PORT) $(BIN)/python manage.py migrate --noinput
	DEBUG=1 PORT=$(PORT) $(BIN)/python manage.py demo --admin
	@echo "Serving on http://127.0.0.1:$(PORT)/  (staff admin: http://127.0.0.1:$(PORT)/admin/)"
	# PORT in the environment too: settings build SITE_URL (links in emails and feeds) from it.
	DEBUG=1 PORT=$(PORT) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Browser tests (tests/e2e) need Debian's Chromium; without it they are skipped, with the reason.
# E2E_CHROMIUM=/path/to/chromium uses another binary (and only that one).
ifdef E2E_CHROMIUM
CHROMIUM := $(wildcard $(E2E_CHROMIUM))
else
CHROMIUM := $(or $(wildcard /usr/bin/chromium),$(shell command -v chromium 2>/dev/null))
endif

test: install
ifneq ($(CHROMIUM),)
	@echo "Browser tests: Chromium found at $(CHROMIUM)"
else
	@echo "Browser tests: Chromium not found, e2e tests will be skipped (apt-get install chromium)"
endif
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Regenerate and compile the Norwegian catalogue (needs GNU gettext).
messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages -l nb --ignore=.venv --ignore=staticfiles --ignore=tests
	# msgfmt directly: compilemessages skips a .mo that is newer than its .po (after a checkout).
	msgfmt --check-format -o locale/nb/LC_MESSAGES/django.mo locale/nb/LC_MESSAGES/django.po
	# The admin's JavaScript strings Django's nb catalogue lacks: kept by hand, compiled here.
	msgfmt --check-format -o locale/nb/LC_MESSAGES/djangojs.mo locale/nb/LC_MESSAGES/djangojs.po

# Performance (issue 14), not part of `make test`: gunicorn + wrk against a bare Django page, on
# SQLite and PostgreSQL with generated data (tests/perf/wrk_bench.py). BENCH_SCALE=100 builds a
# national network (several minutes per database); BENCH_ARGS passes more options.
BENCH_SCALE ?= 100
bench: install
	$(BIN)/python tests/perf/wrk_bench.py --scale $(BENCH_SCALE) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
