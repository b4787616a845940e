"""marsad.extract"""
