"""marsad.geo: the gazetteer of places and their resolution by context."""

from marsad.geo.gazetteer import Gazetteer, load_gazetteer
from marsad.geo.places import Place, PlaceHit

__all__ = ["Gazetteer", "Place", "PlaceHit", "load_gazetteer"]
