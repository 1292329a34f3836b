# TAC Desk: `make run` opens the app, `make test` runs every check. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export LANG ?= C.UTF-8

.PHONY: run test lint typecheck pytest bench bytecode installer demo system-deps clean

$(STAMP): pyproject.toml
	@bash scripts/system_deps.sh venv
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

system-deps:
	@bash scripts/system_deps.sh qt

# Byte-compile the sources as an installed package has them (an editable install does not, and
# PYTHONDONTWRITEBYTECODE would make every start compile them again).
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q tac_desk benchmarks

run: $(STAMP) system-deps bytecode
	@bash scripts/system_deps.sh display
	$(BIN)/tac-desk gui

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

test: $(STAMP)
	@bash scripts/system_deps.sh test
	$(MAKE) --no-print-directory lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider

bench: $(STAMP) system-deps bytecode
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

installer: $(STAMP) system-deps
	$(BIN)/python build_installer.py

demo: $(STAMP)
	$(BIN)/tac-desk demo

clean:
	rm -rf build dist .mypy_cache .ruff_cache .pytest_cache
