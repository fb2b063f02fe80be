-- Re-extraction: the current extractors over archived raw bytes, adding extraction rows.
-- Each block starts with "-- name: <name>"; warehouse/queries.py reads them by name.
-- Old extraction rows are never rewritten: a version gains a row per extractor version,
-- and the views (current_extractions) show the newest.

-- name: outdated_versions
-- Document versions whose newest extraction is older than $extractor_version (or that
-- have none), with the raw blob they were made from.
CREATE OR REPLACE TEMP TABLE outdated_versions AS
WITH newest AS (
    SELECT url, version, max(extractor_version) AS extractor_version
    FROM extractions
    GROUP BY url, version
)
SELECT v.url, v.version, v.content_sha256, coalesce(n.extractor_version, 0) AS newest_version
FROM document_versions v
LEFT JOIN newest n USING (url, version)
WHERE coalesce(n.extractor_version, 0) < $extractor_version;

-- name: outdated_documents
-- What to extract again: one row per URL and raw blob (versions A -> B -> A share a
-- blob, so it is extracted once), with the content type it was last fetched with.
WITH fetched_as AS (
    SELECT url, content_sha256, arg_max(content_type, fetched_at) AS content_type
    FROM fetch_log
    WHERE content_sha256 IS NOT NULL
    GROUP BY url, content_sha256
)
SELECT o.url, o.content_sha256, f.content_type, count(*) AS n_versions
FROM outdated_versions o
LEFT JOIN fetched_as f USING (url, content_sha256)
GROUP BY o.url, o.content_sha256, f.content_type
ORDER BY o.url, o.content_sha256;

-- name: insert_reextractions
-- Every outdated version of a blob gets that blob's new extraction. The newest_version
-- guard keeps an older extractor from adding a row the views would not show anyway.
INSERT INTO extractions
SELECT o.url, o.version, s.extractor_version, s.fetched_at, $run_id, s.title, s.reference,
       s.published_date, s.publisher, s.primary_force, s.topic, s.body_text, s.forces,
       s.people, s.reports, s.phones, s.judgements, s.stated_date, s.dates, s.sector,
       s.primary_service, s.services
FROM outdated_versions o
JOIN staged s ON s.url = o.url AND s.content_sha256 = o.content_sha256
WHERE s.status = 'ok' AND s.extractor_version > o.newest_version
ORDER BY o.url, o.version;

-- name: insert_regaps
-- The new extraction's unread lines, for the same versions insert_reextractions adds.
INSERT INTO extraction_gaps
SELECT url, version, extractor_version, ordinal, gap.text, gap.grade, gap.why
FROM (
    SELECT o.url, o.version, s.extractor_version,
           unnest(s.gaps) AS gap, generate_subscripts(s.gaps, 1) AS ordinal
    FROM outdated_versions o
    JOIN staged s ON s.url = o.url AND s.content_sha256 = o.content_sha256
    WHERE s.status = 'ok' AND s.extractor_version > o.newest_version
);

-- name: backfill_http_dates
-- The server's Last-Modified from the stored fetches (document_dates, source http), for
-- documents fetched before dates were recorded: nothing is fetched again.
INSERT INTO document_dates
SELECT url, 'http', min(http_date(last_modified)) AS value,
       arg_min(fetched_at, http_date(last_modified)) AS observed_at, $run_id
FROM fetch_log
WHERE outcome IN ('new', 'changed', 'unchanged', 'not_modified')
  AND http_date(last_modified) IS NOT NULL
GROUP BY url
ON CONFLICT (url, source) DO UPDATE
SET value = excluded.value, observed_at = excluded.observed_at, run_id = excluded.run_id
WHERE excluded.value < document_dates.value;

-- name: insert_reextract_errors
INSERT INTO error_log
SELECT $run_id, url, coalesce(stage, 'extract'),
       coalesce(error, 'extraction gave no result'), fetched_at
FROM staged
WHERE status = 'error'
ORDER BY seq;

-- name: count_reextracted
SELECT (SELECT count(*) FROM extractions WHERE run_id = $run_id) AS n_reextracted,
       (SELECT count(*) FROM staged WHERE status = 'error') AS n_failed;
