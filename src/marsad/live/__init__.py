"""marsad.live: follow feeds and pages, code new articles into the store, push alerts."""
