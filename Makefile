# Two commands do everything: `make reports` builds the HTML reports, `make test` checks.
# Both create .venv from requirements.txt on first use (make test adds requirements-dev.txt).
VENV   ?= .venv
PYTHON ?= python3
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed
DEV     = $(VENV)/.installed-dev

.PHONY: venv test unit reports lab corpus bench gazetteer clean

# The first run says what it installs and shows pip's progress; later runs install only when a
# requirements file changed.
$(STAMP): requirements.txt pyproject.toml
	@if test -x $(PY); then \
	  echo "Updating the Python packages in $(VENV)/ (requirements.txt or pyproject.toml changed)..."; \
	else \
	  echo "Creating $(VENV)/ and installing the Python packages of requirements.txt into it"; \
	  echo "(first run, about 2 minutes: pandas, matplotlib, nltk, Sastrawi, JupyterLab, nbconvert, ...)"; \
	  $(PYTHON) -m venv $(VENV); \
	fi
	$(PY) -m pip install --disable-pip-version-check --progress-bar on -r requirements.txt
	@touch $(STAMP)
	@echo "Python packages installed in $(VENV)/."

$(DEV): $(STAMP) requirements-dev.txt
	@echo "Installing the test tools of requirements-dev.txt into $(VENV)/ (Dask, scipy, scikit-learn, Playwright, axe-core; about 1 minute)..."
	$(PY) -m pip install --disable-pip-version-check --progress-bar on -r requirements-dev.txt
	@touch $(DEV)

venv: $(STAMP)

test: $(DEV)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest

# The unit tests alone (no notebook executions, no synthetic corpora, no report builds): about 19 s here. The on-disk cache is
# off here (tests/test_cache.py turns it on in folders of its own); `make test` runs every test with it on.
unit: $(DEV)
	NETRALITAS_CACHE=off $(PY) -m pytest tests -m "not slow" -p no:nbmake -o addopts="-p no:cacheprovider"

# Synthetic corpora of 1k, 10k and 100k articles (both kinds), then web-archive records per second with the
# byte prefilter on and off; the careful contender needs requirements-dev.txt. Long: see README, Performance.
bench: $(DEV)
	$(PY) bench/benchmark.py
	$(PY) bench/warc.py

# One line per notebook with its time; a cell running longer than NETRALITAS_CELL_TIMEOUT seconds
# (default 180) stops the build, naming the notebook and the cell.
reports: $(STAMP)
	$(PY) scripts/build_reports.py

# JupyterLab refuses to run as root unless told; containers often are root.
# `make lab LANG=id` opens the Indonesian edition: built from notebooks/ and translations/id/ into
# build/notebooks-id/ (a build product; edit the English notebook and its .po file, not these).
LAB_LANG = $(filter id,$(LANG))
ROOT_FLAG = $(if $(filter 0,$(shell id -u)),--allow-root,)
lab: $(STAMP)
ifeq ($(LAB_LANG),id)
	$(PY) -m netralitas.i18n build id build/notebooks-id
	NETRALITAS_LANG=id $(VENV)/bin/jupyter lab --notebook-dir=build/notebooks-id $(ROOT_FLAG)
else
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $(ROOT_FLAG)
endif

# Collect the articles of a list of links (one URL per line) into data/collected/, politely and
# resumably; see README, "The corpus and bringing your own".  make corpus LINKS=links.txt
corpus: $(STAMP)
	@test -n "$(LINKS)" || { echo "Say which links: make corpus LINKS=links.txt"; exit 2; }
	$(PY) -m netralitas.collect $(LINKS)

gazetteer: $(STAMP)
	$(PY) scripts/build_gazetteer.py

clean:
	rm -rf reports build .pytest_cache .ruff_cache
