#!/usr/bin/env bash
# Refresh _vendor/: the front-end files the built book loads instead of CDNs
# (see README.md, "Vendored front-end files"), and tests/vendor/: files only
# the tests load (axe-core, which tests/test_a11y.py injects into the built
# pages; never part of the site). Needs npm and the npm registry; the book
# build itself needs no network. Run from anywhere: `make vendor`.
#
# To upgrade, change a version below, run this script, rebuild the book and
# run the browser tests (tests/test_browser.py, tests/test_a11y.py), then
# commit _vendor/ and tests/vendor/.
set -euo pipefail

HTML_MANAGER=1.0.15   # @jupyter-widgets/html-manager for ipywidgets 8.1.x
MATHJAX=3.2.2         # the latest MathJax 3 (Sphinx 7 writes MathJax 3 markup)
AXE_CORE=4.14.1       # the accessibility engine of the browsers' audit tools (tests only)

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/_vendor"
tests_out="$root/tests/vendor"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cd "$tmp"
npm pack --silent "@jupyter-widgets/html-manager@$HTML_MANAGER" "mathjax@$MATHJAX" \
    "axe-core@$AXE_CORE" >/dev/null
for pkg in *.tgz; do mkdir "${pkg%.tgz}" && tar -xzf "$pkg" -C "${pkg%.tgz}"; done
hm="jupyter-widgets-html-manager-$HTML_MANAGER/package"
mj="mathjax-$MATHJAX/package"
axe="axe-core-$AXE_CORE/package"

rm -rf "$out"
mkdir -p "$out/html-manager" "$out/mathjax/output/chtml/fonts"

# The widget manager: embed.js, the self-contained bundle (core widgets only,
# no require.js), and FontAwesome 5's webfonts that its CSS asks for (Play's
# icons). embed.js resolves the fonts next to itself (webpack's publicPath
# from its own <script src>), from any page, under http:// and file://.
# Not embed-amd.js, myst-nb's default: it needs require.js, is twice the size
# (3.6 MB, with the ipywidgets 7 controls), and resolves its fonts against
# each page's directory ("<page dir>/@jupyter-widgets/html-manager/dist/"),
# which is 404 from any page of the book (tried in Chromium).
# Chromium fetches only the woff2 of each face.
cp "$hm/dist/embed.js" "$out/html-manager/"
cp "$hm"/dist/*.woff2 "$out/html-manager/"
cp "$hm/dist/embed.js.LICENSE.txt" "$out/html-manager/THIRD-PARTY-NOTICES.txt"
# The npm package has no LICENSE file; it is the ipywidgets repository's
# (BSD-3-Clause, as its package.json says).
cat > "$out/html-manager/LICENSE" <<'EOF'
@jupyter-widgets/html-manager is part of ipywidgets
(https://github.com/jupyter-widgets/ipywidgets), licensed BSD-3-Clause:

Copyright (c) 2015 Project Jupyter Contributors
All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this
   list of conditions and the following disclaimer.

2. Redistributions in binary form must reproduce the above copyright notice,
   this list of conditions and the following disclaimer in the documentation
   and/or other materials provided with the distribution.

3. Neither the name of the copyright holder nor the names of its
   contributors may be used to endorse or promote products derived from
   this software without specific prior written permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
EOF

# MathJax: the TeX-to-CommonHTML component with every TeX package built in
# (no extension is fetched on demand), and the CHTML fonts it loads from
# [mathjax]/output/chtml/fonts/woff-v2 relative to itself.
cp "$mj/es5/tex-chtml-full.js" "$out/mathjax/"
cp -r "$mj/es5/output/chtml/fonts/woff-v2" "$out/mathjax/output/chtml/fonts/"
cp "$mj/LICENSE" "$out/mathjax/LICENSE"

# axe-core, for the tests only (tests/test_a11y.py injects it into each built
# page with Playwright): its minified bundle and licences. Not in _vendor/, so
# html_extra_path never copies it into the site.
rm -rf "$tests_out/axe-core"
mkdir -p "$tests_out/axe-core"
cp "$axe/axe.min.js" "$axe/LICENSE" "$axe/LICENSE-3RD-PARTY.txt" "$tests_out/axe-core/"

du -sh "$out" "$tests_out"
