# The two commands: `make book` builds the HTML book, `make test` runs every
# test. Both first create .venv and install requirements.txt into it.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: book test test-package bench clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install -r requirements.txt
	touch $(STAMP)

book: $(STAMP)
	@if [ -f _toc.yml ]; then \
	  $(VENV)/bin/jupyter-book build --all -W -n --keep-going . ; \
	else \
	  echo "make book: there is no _toc.yml yet, so there is no book to build"; \
	fi

test-package: $(STAMP)
	$(PY) -m pytest tests

test: test-package
	@if [ -f _toc.yml ]; then $(MAKE) book && $(PY) -m pytest --nbval-lax book/ ; fi

bench: $(STAMP)
	$(PY) bench/bench.py

clean:
	rm -rf _build .pytest_cache .hypothesis
