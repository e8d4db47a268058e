# The two commands: `make book` builds the HTML book, `make test` runs every
# test. Both first create .venv and install requirements.txt into it.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

# Tests that read the built book (_build/html): they run after `make book`.
# test_browser.py drives it in Debian's Chromium (apt-get install chromium).
BOOK_TESTS := tests/test_book.py tests/test_colab.py tests/test_browser.py \
              tests/test_a11y.py tests/test_sliders_a11y.py tests/test_present_share.py \
              tests/test_pdf.py tests/test_reader.py tests/test_jupyterlab.py \
              tests/test_playground.py tests/test_editions.py

.PHONY: book test lint test-package test-book bench clean vendor pdf notebooks

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install -r requirements.txt
	touch $(STAMP)

# --all: an unchanged incremental rebuild would exit 0 even when broken.
# -W --keep-going: report every warning, then exit non-zero if there was one.
# --config: _config.yml with the GitHub, Binder and Colab buttons on when
# its repository.url is set, off when it is "" (tools/colab_cell.py; README
# "Launching").
#
# Two editions from one execution (README "Two editions"): the Chinese build
# runs every notebook, and bpcore.i18n records the English of every sentence
# code prints (BPCORE_I18N_RECORD); tools/i18n.py then writes _build/en/src,
# the executed notebooks with the Markdown from locales/en/LC_MESSAGES and the
# outputs' words in English (it fails, naming the page and the Chinese text,
# on an untranslated or fuzzy message), and the English build, which runs no
# notebook, goes to _build/html/en.
BOOK_CONFIG := _build/launch_config.yml
JB_BUILD    := $(VENV)/bin/jupyter-book build --all -W -n --keep-going
book: $(STAMP)
	rm -rf _build/i18n
	$(PY) -m tools.colab_cell --book-config $(BOOK_CONFIG)
	BPCORE_I18N_RECORD=$(CURDIR)/_build/i18n $(JB_BUILD) --config $(BOOK_CONFIG) .
	$(PY) -m tools.i18n sources _build
	$(JB_BUILD) --path-output _build/en _build/en/src
	rm -rf _build/html/en && mv _build/en/_build/html _build/html/en
# the reader notebooks, notebooks/, from this build (see `notebooks` below)
	$(PY) -m tools.reader --build _build

# The reader notebooks: notebooks/<chapter>.ipynb, each chapter with its MyST
# resolved from the built book, for JupyterLab, Binder and Colab (README
# "Reading and running"; tools/reader.py). After `make book`, which runs it.
notebooks: $(STAMP)
	$(PY) -m tools.reader --build _build

# ruff (pinned in requirements.txt, configured in pyproject.toml): the code,
# the tests, the tools and the notebooks' code cells.
lint: $(STAMP)
	$(VENV)/bin/ruff check .

test-package: lint
	$(PY) -m pytest tests $(addprefix --ignore=,$(BOOK_TESTS))

test-book: $(STAMP)
	$(PY) -m pytest $(BOOK_TESTS)

test: test-package
	@if [ -f _toc.yml ]; then \
	  $(MAKE) book && \
	  $(MAKE) pdf && \
	  $(PY) -m pytest --nbval-lax book/ && \
	  $(PY) -m pytest --nbval-lax notebooks/ && \
	  $(MAKE) test-book ; \
	fi

# The whole book as one PDF per edition, from the built HTML book (run `make
# book` first): _build/pdf/book.pdf (Chinese) and book-en.pdf (English);
# offline, printed by Debian's Chromium and joined with pypdf (tools/pdf.py).
pdf: $(STAMP)
	$(PY) -m tools.pdf _build

# Refresh _vendor/ (widget manager, MathJax) from the npm registry; see README.
vendor:
	tools/vendor.sh

bench: $(STAMP)
	$(PY) bench/bench.py
	$(PY) -m bench.live
	$(PY) -m bench.live_frames

clean:
	rm -rf _build .pytest_cache .hypothesis
