# qualcode — set up, run the demo, test, benchmark. Needs only Python >= 3.11.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO ?= demo/study.qc
STAMP := $(VENV)/.installed
# Every install takes its versions from here, so a new release of a dependency (a Textual
# major, say) changes nothing until `make lock` is run and the tests pass with it.
CONSTRAINTS := constraints.txt
LOCK_VENV := .lock-venv

.PHONY: demo test lint bench clean venv lock

$(STAMP): pyproject.toml $(CONSTRAINTS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[test]'
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

# Refresh constraints.txt: the newest releases pyproject.toml allows, installed into a fresh
# venv and pinned. Run it after changing dependencies, then `make test`, then commit both.
lock:
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LOCK_VENV)/bin/python -m pip install --quiet -e '.[test]'
	$(LOCK_VENV)/bin/python -m pip freeze --exclude-editable > $(LOCK_VENV)/frozen.txt
	{ echo "# Pinned versions for 'pip install -c constraints.txt -e .[test]'; refresh with: make lock"; \
	  echo "# Generated with $$($(LOCK_VENV)/bin/python --version) on $$(uname -sm)."; \
	  grep -v '^pkg[-_]resources==' $(LOCK_VENV)/frozen.txt | LC_ALL=C sort -f; } > $(CONSTRAINTS).new
	mv $(CONSTRAINTS).new $(CONSTRAINTS)
	rm -rf $(LOCK_VENV)

clean:
	rm -rf $(VENV) $(LOCK_VENV) demo .mypy_cache .ruff_cache .pytest_cache
