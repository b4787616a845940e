"""marsad.store"""
