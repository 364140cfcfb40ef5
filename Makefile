# qualcode — set up, run the demo, test, benchmark. Needs only Python >= 3.11.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO ?= demo/study.qc
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	mkdir -p $(dir $(DEMO))
	$(BIN)/qualcode demo $(DEMO) --replace
	$(BIN)/qualcode status $(DEMO)
	@if [ -t 0 ] && [ -t 1 ]; then $(BIN)/qualcode tui $(DEMO); \
	else echo "Open it with: $(BIN)/qualcode tui $(DEMO)"; fi

lint: $(STAMP)
	$(BIN)/ruff check qualcode tests benchmarks
	$(BIN)/ruff format --check qualcode tests benchmarks
	$(BIN)/mypy

test: lint
	scripts/with-postgres $(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) demo .mypy_cache .ruff_cache .pytest_cache
