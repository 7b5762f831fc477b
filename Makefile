# Kiosk: `make run` sets everything up and opens the demo event; `make test` sets
# everything up and runs the tests. Both install what is missing: the Debian libraries
# Qt needs (as root, or they print the apt-get line), a virtual environment, the packages.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Offscreen Qt, fonts, a real window under Xvfb, QR decoding and PDF rendering for tests.
DEB_PACKAGES := libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 \
	fonts-dejavu-core xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
	libxcb-shape0 libxkbcommon-x11-0 libxcb-randr0 libxcb-render-util0 libxcb-image0 \
	libxcb-xinerama0 zbar-tools poppler-utils

.PHONY: run test lint bench installer system-deps setup clean

run: system-deps setup
	$(BIN)/kiosk --demo

test: system-deps setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest
	$(BIN)/ruff check kiosk tests bench

lint: setup
	$(BIN)/ruff check kiosk tests bench

bench: system-deps setup
	$(BIN)/python -m bench.run

# The one-folder bundle in dist/ (build_installer.py runs its self-test); binutils gives
# PyInstaller `strip`, which takes ~20 MB of debug data out of the bundle.
installer: system-deps setup
	@$(MAKE) --no-print-directory system-deps DEB_PACKAGES=binutils
	$(BIN)/pip install -q -e '.[build]'
	$(BIN)/python build_installer.py

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Kiosk needs Python 3.11 or newer"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

system-deps:
	@if command -v dpkg >/dev/null 2>&1; then \
	  missing=$$(for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done | tr '\n' ' '); \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	    else \
	      echo "Kiosk needs these Debian packages; run:"; \
	      echo "  sudo apt-get install -y $$missing"; exit 1; \
	    fi; \
	  fi; \
	fi

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
