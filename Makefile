# Two commands do everything: `make reports` builds the HTML reports, `make test` checks.
# Both create .venv from requirements.txt on first use (make test adds requirements-dev.txt).
VENV   ?= .venv
PYTHON ?= python3
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed
DEV     = $(VENV)/.installed-dev

.PHONY: venv test reports lab bench gazetteer clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

$(DEV): $(STAMP) requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(DEV)

venv: $(STAMP)

test: $(DEV)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest

# Synthetic corpora of 1k, 10k and 100k articles; several minutes (see README, Performance).
bench: $(STAMP)
	$(PY) bench/benchmark.py

reports: $(STAMP)
	$(PY) scripts/build_reports.py

# JupyterLab refuses to run as root unless told; containers often are root.
lab: $(STAMP)
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

gazetteer: $(STAMP)
	$(PY) scripts/build_gazetteer.py

clean:
	rm -rf reports .pytest_cache .ruff_cache
