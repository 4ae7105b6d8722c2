"""``gunicorn app:app`` from a checkout: the web service, built by the packaged app factory.

The package builds nothing when imported; this file is the one place that builds the app at import
time, because that is what ``gunicorn app:app`` asks for. Installed deployments use the Procfile,
which calls the factory directly.
"""

from publiccode_checker.web.factory import create_app_or_exit

app = create_app_or_exit()
