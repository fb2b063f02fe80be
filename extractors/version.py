"""The extractor version. Raise it whenever a rule or parser changes what is extracted, so
`pressroom reextract` knows which archived versions to run again."""

EXTRACTOR_VERSION = 1
