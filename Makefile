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

# Refuses at once, before migrating, when something already listens on HOST:PORT.
run: $(VENV)/.installed $(MO_FILES)
	@echo "Serving on http://$(HOST):$(PORT)/ (another address or port: make run HOST=0.0.0.0 PORT=8001)"
	@$(BIN)/python -c "$$PORT_CHECK" '$(HOST)' '$(PORT)'
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_seed
	$(BIN)/python manage.py rebuild_search_index --missing
	@echo
	@echo "  The site:  http://$(HOST):$(PORT)/"
	@echo "  The admin: http://$(HOST):$(PORT)/admin/"
	@echo "  To create a staff account, in another terminal:"
	@echo "    $(BIN)/python manage.py createstaff USERNAME --role editor    (or --role publisher)"
	@echo "    $(BIN)/python manage.py createsuperuser"
	@echo "  Another address or port: make run HOST=0.0.0.0 PORT=8001"
	@echo
	@# E-mail is printed here, sent at once: no task worker to run beside the development server.
	DJANGO_TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Binds HOST:PORT as runserver will (address reuse on, so only a listener is in the way) and lets go.
define PORT_CHECK
import errno, socket, sys
host, port = sys.argv[1], sys.argv[2]
if not port.isdigit() or not 0 < int(port) < 65536:
    sys.exit(f"PORT must be a port number, such as make run PORT=8001, not {port!r}.")
try:
    family, kind, proto, _, address = socket.getaddrinfo(host.strip("[]"), int(port), type=socket.SOCK_STREAM)[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(address)
except OSError as error:
    if error.errno == errno.EADDRINUSE:
        sys.exit(f"Port {port} on {host} is in use: another server (another make run?) is listening there.\n"
                 f"Stop it, or choose another port: make run PORT={int(port) + 1}")
    sys.exit(f"Cannot serve on {host}:{port}: {error.strerror or error}. Choose another address, "
             f"for example: make run HOST=127.0.0.1")
endef
export PORT_CHECK

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
