"""The WSGI entry point for gunicorn: one app, configured from the environment."""
from .app import create_app
from .gazetteer import warm

app = create_app()
warm()  # before workers fork, so they share the gazetteer pages
