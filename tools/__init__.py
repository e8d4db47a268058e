"""Maintenance scripts of the book, run from the repository root as modules
(``python -m tools.colab_cell``), and the helpers the tests share with them
(:mod:`tools.toc`). Not part of the bpcore wheel (pyproject.toml packages
``bpcore*`` only)."""
