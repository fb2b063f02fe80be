-- Every release dated, with where the date came from (README, "Dates").
--
-- The dates a document's own bytes give are part of its extraction: `stated_date` (the
-- text's) and `dates`, every date the document gives with its source (text, html_meta,
-- url, pdf_meta), best first. Extractions made before this migration have neither; the
-- views take their published_date as the text's until `pressroom reextract` adds rows
-- that have them.
ALTER TABLE extractions ADD COLUMN stated_date DATE;
ALTER TABLE extractions ADD COLUMN dates STRUCT(source VARCHAR, value DATE)[];

-- Dates from outside the document, facts about the URL rather than one version's
-- content: a feed entry's published (else updated) date, a sitemap's lastmod, the
-- server's Last-Modified. One row per URL and source, holding the earliest date that
-- source gave (a later `updated`, `lastmod` or Last-Modified is a revision, not the
-- publication). Kept apart from the versions, so a change of any of them alone makes no
-- new version; the views weigh them against the document's own dates when read.
CREATE TABLE document_dates (
    url         VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,  -- feed, sitemap, http
    value       DATE NOT NULL,
    observed_at TIMESTAMP NOT NULL,  -- when this value was first given
    run_id      VARCHAR NOT NULL,   -- the run that recorded it
    PRIMARY KEY (url, source)
);
