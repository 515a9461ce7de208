"""Moved: the actor catalogue and its loader live in :mod:`multivector.data.catalogue`, a layer below ingest and
nlp. This name re-exports it until every import says the new one."""

from multivector.data.catalogue import *  # noqa: F401,F403
from multivector.data.catalogue import PERSON_TITLES, Catalogue, fold, strip_person_titles  # noqa: F401
