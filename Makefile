# kinerja — the README's two commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test test-postgres test-e2e lint bench serve venv dev-venv clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

venv: $(VENV)/.runtime
dev-venv: $(VENV)/.dev

## run: create the venv, migrate, load demo data if empty, serve on http://127.0.0.1:5000
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
	@echo ""
	$(BIN)/waitress-serve --host=$(HOST) --port=$(PORT) --threads=8 app:app

## test: the whole suite (SQLite; PostgreSQL and browser parts skip with a reason when unavailable)
test: dev-venv
	$(BIN)/python -m pytest

test-postgres: dev-venv
	KINERJA_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test $(BIN)/python -m pytest -m "not e2e"

test-e2e: dev-venv
	$(BIN)/python -m pytest tests/e2e

lint: dev-venv
	$(BIN)/ruff check kinerja tests bench

bench: dev-venv
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache
