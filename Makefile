# `make shell`: set up, build the graph from seeds/, open the shell.
# `make test`:  set up (with the development tools), run every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages the tests drive: a real browser, a real terminal, an independent RDF parser.
TEST_PACKAGES := chromium tmux raptor2-utils
TEST_COMMANDS := chromium tmux rapper

.PHONY: shell test setup setup-dev system-test-deps build clean

shell: setup build
	$(BIN)/kg shell

build: setup
	$(BIN)/kg build seeds/

test: setup-dev system-test-deps
	$(BIN)/python -m pytest

setup: $(VENV)/.installed

setup-dev: $(VENV)/.installed-dev

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml constraints.txt
	$(PIP) install -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) install -c constraints.txt -e '.[dev]'
	touch $@

system-test-deps:
	@missing=""; for c in $(TEST_COMMANDS); do command -v $$c >/dev/null || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing $(TEST_PACKAGES) with apt-get"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(TEST_PACKAGES) >/dev/null; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache
