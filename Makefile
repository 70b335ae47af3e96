# Two commands do everything: `make reports` builds the HTML reports, `make test` checks.
# Both create .venv from requirements.txt on first use.
VENV   ?= .venv
PYTHON ?= python3
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed

.PHONY: venv test reports lab gazetteer clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

venv: $(STAMP)

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest

reports: $(STAMP)
	$(PY) scripts/build_reports.py

# JupyterLab refuses to run as root unless told; containers often are root.
lab: $(STAMP)
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

gazetteer: $(STAMP)
	$(PY) scripts/build_gazetteer.py

clean:
	rm -rf reports .pytest_cache .ruff_cache
