# kinerja — the README's two commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test test-postgres test-e2e panduan-screenshots lint bench serve venv dev-venv clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

venv: $(VENV)/.runtime
dev-venv: $(VENV)/.dev

## run: create the venv, migrate, load demo data if empty, serve on http://127.0.0.1:5000 with one
##      background-job consumer (flask jobs) beside waitress; Ctrl-C stops both.
##      QR codes of the demo's signed documents point at this server (KINERJA_BASE_URL).
run: export KINERJA_BASE_URL ?= http://$(HOST):$(PORT)
run: venv
	$(FLASK) db upgrade
	$(FLASK) demo-data --if-empty
	@echo ""
	@echo "  kinerja berjalan di http://$(HOST):$(PORT)"
	@echo "  Login demo (kata sandi semua akun: kinerja-demo-2026):"
	@echo "    admin               admin kepegawaian"
	@echo "    197203151998031004  Kepala Dinas (pimpinan)"
	@echo "    198002142005012004  Kepala Bidang Aplikasi Informatika (atasan)"
	@echo "    198505172010012015  Kepala Seksi Pengembangan Aplikasi (atasan)"
	@echo "    199203112019031007  Pranata Komputer Ahli Pertama (pegawai)"
	@echo "  Konsumen pekerjaan latar (flask jobs) berjalan di samping server; Ctrl-C menghentikan keduanya."
	@echo ""
	@trap 'kill -TERM $$jobs_pid 2>/dev/null; wait $$jobs_pid 2>/dev/null' EXIT INT TERM; \
	$(FLASK) jobs --workers 2 & jobs_pid=$$!; \
	$(BIN)/waitress-serve --host=$(HOST) --port=$(PORT) --threads=8 app:app

## test: the whole suite on SQLite (browser journeys included), then on PostgreSQL when it answers
##       at 127.0.0.1:5432 (see tests/run_suite.py); JUnit reports land in tests/_artifacts/.
##       Extra pytest arguments: make test PYTEST_ARGS="-x -k login"
PYTEST_ARGS ?=
test: dev-venv
	$(BIN)/python tests/run_suite.py all $(PYTEST_ARGS)

## test-postgres: only the PostgreSQL run (fails when PostgreSQL is out of reach)
test-postgres: dev-venv
	$(BIN)/python tests/run_suite.py postgres $(PYTEST_ARGS)

## test-e2e: only the browser journeys
test-e2e: dev-venv
	$(BIN)/python -m pytest tests/e2e --junitxml=tests/_artifacts/junit-e2e.xml $(PYTEST_ARGS)

## panduan-screenshots: refresh the guide's screenshots (static/panduan/*.png) from the demo data,
##       through the browser tests; commit the changed PNGs
panduan-screenshots: dev-venv
	KINERJA_PANDUAN_REFRESH=1 $(BIN)/python -m pytest tests/e2e/test_panduan_screenshots.py -p no:cacheprovider $(PYTEST_ARGS)

lint: dev-venv
	$(BIN)/ruff check kinerja tests bench

bench: dev-venv
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache
