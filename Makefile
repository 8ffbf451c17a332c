# TTX Bắc Giang: every set-up, run and check command, written down once.
# The two commands a newcomer needs: `make run` and `make test`.

VENV := .venv
PYTHON := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed-requirements
CHROMIUM ?= /usr/bin/chromium
PORT ?= 8501

.PHONY: libreoffice postgresql run dev test test-fast test-browser bench bench-quick bench-pages \
	bench-concurrency bench-scale bench-brief bench-reporting mutation data lint format chromium strace clean

# Create .venv and install the pinned requirements (again whenever requirements.txt changes).
$(INSTALLED): requirements.txt
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $(INSTALLED)

# Start the app on the bundled data at http://localhost:$(PORT), after creating or upgrading its
# database of accounts and audit log (var/ttx.sqlite3, or TTX_DATABASE_URL).
run: $(INSTALLED)
	$(PYTHON) -m ttx_data db upgrade
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

# The same while editing the code: pages rerun when a source file is saved (the file watcher
# that .streamlit/config.toml turns off for readers).
dev: $(INSTALLED)
	$(PYTHON) -m ttx_data db upgrade
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.fileWatcherType auto --server.runOnSave true

# Run the whole test suite, browser and PDF tests included, the store's on SQLite and PostgreSQL
# (installs Debian chromium, strace, LibreOffice, poppler-utils and PostgreSQL first when missing).
test: $(INSTALLED) chromium strace libreoffice postgresql
	$(PYTHON) -m pytest

# Run every test except the real-browser ones (quick feedback while coding).
test-fast: $(INSTALLED) postgresql
	$(PYTHON) -m pytest -m "not browser"

# Run only the real-browser tests (Playwright driving Debian chromium); screenshots in test-artifacts/.
test-browser: $(INSTALLED) chromium strace
	$(PYTHON) -m pytest -m browser

# Every benchmark, each rewriting its own section of docs/benchmarks.md (about 40 min on 2 idle
# cores; run it on an otherwise idle machine): page loads and filter changes in chromium beside the
# anchors, simultaneous sessions, data 10x and 100x, the meeting brief, the reporting cycle.
bench: $(INSTALLED) chromium
	$(PYTHON) bench/page_timings.py --out docs/benchmarks.md
	$(PYTHON) bench/concurrency.py --out docs/benchmarks.md
	$(PYTHON) bench/scale.py --out docs/benchmarks.md
	$(PYTHON) bench/brief_timing.py
	$(PYTHON) bench/reporting_timing.py

# A quick run of every benchmark, to check the tools (about 10 min on 2 idle cores): one run of each measurement,
# sessions 1 and 10, data 1x and 10x; prints the tables and leaves docs/benchmarks.md alone.
bench-quick: $(INSTALLED) chromium
	$(PYTHON) bench/page_timings.py --quick
	$(PYTHON) bench/concurrency.py --quick
	$(PYTHON) bench/scale.py --quick
	$(PYTHON) bench/brief_timing.py --runs 1 --out ''
	$(PYTHON) bench/reporting_timing.py --runs 1 --out ''

# Page loads (cold, warm) and filter changes in real chromium until settled, beside Streamlit's
# floor and the naive 15-chart page measured in the same run (7 runs; about 20 min).
bench-pages: $(INSTALLED) chromium
	$(PYTHON) bench/page_timings.py --out docs/benchmarks.md

# 1, 10, 30 and 60 simultaneous sessions at the Streamlit protocol level: page-run p50/p95,
# throughput, the server's memory, before and after data updates (about 10 min).
bench-concurrency: $(INSTALLED)
	$(PYTHON) bench/concurrency.py --out docs/benchmarks.md

# Synthetic data 1x, 10x and 100x the bundled data: the queries, the DuckDB connection and page
# runs, and how they grow (about 7 min; `--factors 1 10 100 10000` reaches ~9 million rows).
bench-scale: $(INSTALLED) chromium
	$(PYTHON) bench/scale.py --out docs/benchmarks.md

# Time the meeting brief: cold CLI, build steps, PDF via LibreOffice (median, p90 ms; about 1.5 min);
# rewrites its own section of docs/benchmarks.md.
bench-brief: $(INSTALLED)
	$(PYTHON) bench/brief_timing.py

# Time the reporting cycle: validating, submitting, accepting and publishing one agency's workbook
# and every agency's at once (median, p90 ms; about 1 min); rewrites its section of docs/benchmarks.md.
bench-reporting: $(INSTALLED)
	$(PYTHON) bench/reporting_timing.py

# The functions `make mutation` mutates (mutmut names: module.x_function__mutmut_N).
MUTATED := 'ttx_data.progress.*' 'ttx_data.scorecard.*' 'ttx_data.query.*' \
	'ttx_data.meeting.x_district_lags_*' 'ttx_data.meeting.x_lagging_shown_*' \
	'ttx_data.meeting.x__lagging_slide_*' 'ttx_data.panels.x_ranking_panel_*' \
	'ttx_data.district_profile.*'

# Mutation testing with mutmut (5-10 min on 2 cores; not part of `make test`): mutate the
# progress method, the scorecard, the query runner and the district ranking and lagging code, run
# the fast unit tests covering each mutant, then count killed/survived per module and list the
# survivors. Set-up: [tool.mutmut] in pyproject.toml; last score and judged survivors:
# docs/mutation.md. `mutmut show NAME` prints one mutant's diff.
mutation: $(INSTALLED)
	rm -rf mutants
	mkdir -p mutants
	$(VENV)/bin/mutmut run $(MUTATED) >mutants/run.log 2>&1 || (tail -40 mutants/run.log; exit 1)
	@echo "mutants per module and status:"
	@$(VENV)/bin/mutmut results --all true | grep -v "not checked" \
		| sed -E 's/^ *ttx_data\.([a-z_]+)\..*: (.*)$$/\1 \2/' | sort | uniq -c
	@echo "not killed:"
	@$(VENV)/bin/mutmut results | grep -v "not checked"

# Install Debian's chromium for the browser tests when it is missing (needs root or sudo; CI is root).
# If it cannot be installed, the browser tests fail with a message saying what is missing.
chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		(apt-get install -y -q chromium || (apt-get update -q && apt-get install -y -q chromium)) >/dev/null || \
		echo "make: could not install Debian chromium; browser tests will fail"; \
	elif command -v sudo >/dev/null; then \
		sudo apt-get install -y -q chromium >/dev/null || echo "make: could not install Debian chromium"; \
	else echo "make: Debian chromium missing and no root to install it; browser tests will fail"; fi

# Install Debian's strace when missing (the browser test that proves the server connects to nothing
# off the machine at start watches it with strace); needs root or sudo, as chromium.
strace:
	@if command -v strace >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		(apt-get install -y -q strace || (apt-get update -q && apt-get install -y -q strace)) \
		>/dev/null || echo "make: could not install Debian strace; the offline-start test will fail"; \
	elif command -v sudo >/dev/null; then \
		sudo apt-get install -y -q strace >/dev/null || echo "make: could not install Debian strace"; \
	else echo "make: Debian strace missing and no root to install it; the offline-start test will fail"; fi

# Install Debian's LibreOffice Impress (the brief's PDF), Calc (the report template rendered and
# re-saved) and poppler-utils (pdftoppm, to look at PDF pages) when missing; needs root or sudo.
# Without them those tests are skipped and `python -m ttx_data brief --pdf` says LibreOffice is missing.
libreoffice:
	@if command -v soffice >/dev/null && command -v pdftoppm >/dev/null \
		&& [ -e /usr/lib/libreoffice/program/libsclo.so ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		(apt-get install -y -q libreoffice-impress libreoffice-calc poppler-utils fonts-dejavu-core \
		|| (apt-get update -q && apt-get install -y -q libreoffice-impress libreoffice-calc \
		poppler-utils fonts-dejavu-core)) >/dev/null || \
		echo "make: could not install LibreOffice; the PDF test will be skipped"; \
	elif command -v sudo >/dev/null; then \
		sudo apt-get install -y -q libreoffice-impress libreoffice-calc poppler-utils fonts-dejavu-core \
		>/dev/null || echo "make: could not install LibreOffice"; \
	else echo "make: LibreOffice missing and no root to install it; the PDF test will be skipped"; fi

# Install Debian's PostgreSQL server when missing (needs root or sudo; CI is root): the store's tests
# start their own throwaway cluster from it (/usr/lib/postgresql/*/bin), on a unix socket in a
# temporary folder. If it cannot be installed, the PostgreSQL tests fail saying so.
postgresql:
	@if ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		(apt-get install -y -q postgresql || (apt-get update -q && apt-get install -y -q postgresql)) \
		>/dev/null || echo "make: could not install Debian postgresql; PostgreSQL tests will fail"; \
	elif command -v sudo >/dev/null; then \
		sudo apt-get install -y -q postgresql >/dev/null || echo "make: could not install postgresql"; \
	else echo "make: PostgreSQL missing and no root to install it; PostgreSQL tests will fail"; fi

# Regenerate the bundled dataset in data/ from data/reference and the generator's fixed seed, then
# have its illustrative 2020-2025 values, and illustrative reports on the plan's tasks from 2022,
# enter through the reporting pipeline: every reporting agency's example workbook per period
# (kept in data/reports/) submitted, accepted and published with the reporting code into data/,
# through a throwaway store (ttx_data/reporting/demo.py; about 1 min). Deterministic: running it
# twice leaves `git status` clean.
data: $(INSTALLED)
	$(PYTHON) -m ttx_data demo-data --out data

# Check style and common mistakes with ruff (lint rules and formatting).
lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Reformat the code and fix what ruff can fix.
format: $(INSTALLED)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Remove the virtual environment and caches.
clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
