"""The WSGI entry point for gunicorn: one app, configured from the environment, loaded before workers fork."""
from .app import create_app

app = create_app()
