"""marsad: Arabic news to ACLED-schema conflict events with evidence."""

__version__ = "0.1.0"
