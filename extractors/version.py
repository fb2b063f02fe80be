"""The extractor version. Raise it whenever a rule or parser changes what is extracted, so
`pressroom reextract` knows which archived versions to run again.

2: PDF creation dates only when the text names their year, never modification dates;
   PEEL legitimacy cue is the pillar, not its sub-questions; national leads; Engage
   conditionals and 'special measures'; grades followed by their agent; datelines that
   run into the headline; more forces and variants in the gazetteer; verdicts restated from
   an earlier inspection (and an Engage entry a removal supersedes) as `<area>_previous`.
"""

EXTRACTOR_VERSION = 2
