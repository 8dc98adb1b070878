# Two commands set everything up: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# Development defaults; the environment overrides them.
export DJANGO_DEBUG ?= 1

PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test check lint format clean messages serve bench growth

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed: found " + sys.version.split()[0])'
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV). On Debian or Ubuntu: apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when a requirements file changed.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@

# Compiled translations, with Babel (pure Python: no gettext needed to run the site).
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -i $< -o $@

# After changing interface strings: refresh the catalogues (needs gettext's xgettext), then translate.
messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages -l ru -l az --add-location=file --ignore=.venv --ignore=var

run: $(VENV)/.installed $(MO_FILES)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_seed
	$(BIN)/python manage.py rebuild_search_index --missing
	@echo
	@echo "  The site:  http://$(HOST):$(PORT)/"
	@echo "  The admin: http://$(HOST):$(PORT)/admin/"
	@echo "  To create a staff account, in another terminal: $(BIN)/python manage.py createsuperuser"
	@echo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The production configuration on this machine: gunicorn, debug off, WhiteNoise (README, "Deployment").
serve: $(VENV)/.installed $(MO_FILES)
	HOST=$(HOST) PORT=$(PORT) bash .ci/serve

# Throughput against a baseline view, uncached and cached, on a generated data set (needs wrk).
bench: $(VENV)/.installed $(MO_FILES)
	$(BIN)/python .ci/bench.py

# Response time and queries of the meetings pages and API at 1,000, 10,000 and 100,000 meetings.
growth: $(VENV)/.installed $(MO_FILES)
	bash .ci/growth

test: $(VENV)/.installed-dev $(MO_FILES)
	$(BIN)/python -m pytest

check: $(VENV)/.installed-dev
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var
