"""marsad.lexicon"""
