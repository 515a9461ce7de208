"""The web app: ``create_app(db_path)`` (see :mod:`multivector.interfaces.web.app`)."""

from __future__ import annotations

from multivector.interfaces.web.app import create_app

__all__ = ["create_app"]
