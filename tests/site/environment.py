"""The site's settings in a fresh process, under an environment of the test's choosing."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

# The production environment the README documents, less the services' addresses.
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "www.example.org",
    "DJANGO_BEHIND_PROXY": "1",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def run_python(code, **env):
    """Run `code` with the site's settings loaded in a fresh process, with `env` as its environment."""
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "cica_site.settings",
    }
    script = "import django; django.setup()\n" + code
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=environment | env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()
