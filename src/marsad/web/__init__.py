"""marsad.web: the analyst dashboard's static files (served by ``marsad serve`` at ``/``)."""
