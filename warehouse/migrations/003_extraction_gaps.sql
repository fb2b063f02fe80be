-- What the judgement rules did not read: per extraction (document version, extractor
-- version), each sentence or list line of the body with a grade word near a known area
-- phrase or force (or an Engage movement) that gave no judgement (extractors/gaps.py).
-- Rows are added with their extraction, in the same transaction, and never rewritten; the
-- contract view `verdict_gaps` shows the newest extractor's rows for current releases.
-- Extractions made before this migration have no rows here (reextract fills them when a
-- newer extractor runs).
CREATE TABLE extraction_gaps (
    url               VARCHAR NOT NULL,
    version           INTEGER NOT NULL,
    extractor_version INTEGER NOT NULL,
    ordinal           INTEGER NOT NULL,  -- 1-based, in reading order
    text              VARCHAR NOT NULL,
    grade             VARCHAR NOT NULL,
    why               VARCHAR NOT NULL,
    PRIMARY KEY (url, version, extractor_version, ordinal)
);
