# Two commands set everything up on a fresh machine with Python 3.10+:
#   make demo   create .venv, install kg with its spaCy model, build the seed graph into output/
#   make test   install the test tools (and Debian's chromium for the browser tests), run all tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUTPUT ?= output
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get

.PHONY: demo test install browser clean

demo: $(VENV)/.installed
	$(BIN)/kg build seeds -o $(OUTPUT)

test: $(VENV)/.installed-test browser
	$(BIN)/python -m pytest

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) -e '.[test,datagen]'
	touch $@

# The browser tests drive Debian's Chromium (Playwright's own browser download needs the internet).
browser:
	@command -v chromium >/dev/null || $(APT) install -y --no-install-recommends chromium \
		|| { $(APT) update && $(APT) install -y --no-install-recommends chromium; }

clean:
	rm -rf $(VENV) build *.egg-info
	find $(OUTPUT) -mindepth 1 ! -name .gitkeep -delete
