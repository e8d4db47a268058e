"""The English of every sentence bpcore and the chapters' code print
(:mod:`bpcore.i18n`): Chinese template → English template, with the same
``{fields}``. ``tests/test_i18n.py`` checks that every template passed to
``t`` in the package and the notebooks is here, with the same fields.
"""

EN: dict[str, str] = {
}
