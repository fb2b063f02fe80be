-- Loading one run's staged batches, set-based, inside one transaction.
-- Each block starts with "-- name: <name>"; warehouse/queries.py reads them by name.

-- name: classify
-- One row per URL (the last record staged for it wins), with what it means for the
-- document's history: its fetch outcome and, for new content, its new version number.
-- Only the fetch's own columns: the extraction (body text and lists, most of a run's
-- bytes) stays in the staged Parquet files until insert_extractions reads it by seq.
CREATE OR REPLACE TEMP TABLE classified AS
WITH incoming AS (
    SELECT seq, url, source, fetched_at, status, stage, http_status, content_sha256,
           content_type, content_length, etag, last_modified, error, fingerprint, media_type
    FROM staged
    QUALIFY row_number() OVER (PARTITION BY url ORDER BY seq DESC) = 1
)
SELECT i.*,
       d.status AS prev_status,
       d.current_version AS prev_version,
       CASE
           WHEN i.status = 'error' THEN 'error'
           WHEN i.status = 'not_modified' AND d.url IS NOT NULL THEN 'not_modified'
           WHEN i.status = 'not_modified' THEN 'error'
           WHEN i.status = 'gone' AND d.url IS NOT NULL THEN 'withdrawn'
           WHEN i.status = 'gone' THEN 'error'
           WHEN d.url IS NULL AND i.fingerprint IS NULL THEN 'error'
           WHEN d.url IS NULL THEN 'new'
           WHEN i.fingerprint IS NULL AND d.status = 'active' THEN 'unchanged'
           WHEN i.fingerprint IS NULL THEN 'error'
           WHEN d.status = 'active' AND v.fingerprint = i.fingerprint THEN 'unchanged'
           ELSE 'changed'
       END AS outcome,
       coalesce(d.current_version, 0) + 1 AS next_version
FROM incoming i
LEFT JOIN document_state d ON d.url = i.url
LEFT JOIN document_versions v ON v.url = d.url AND v.version = d.current_version;

-- name: insert_fetches
INSERT INTO fetch_log
SELECT $run_id, url, source, fetched_at, http_status, outcome, content_sha256, content_type,
       content_length, etag, last_modified,
       CASE WHEN outcome = 'error'
            THEN coalesce(error, 'no usable content (nothing earlier to compare with)') END
FROM classified
WHERE stage IS DISTINCT FROM 'discover'
ORDER BY seq;

-- name: insert_errors
INSERT INTO error_log
SELECT $run_id, url, coalesce(stage, 'fetch'),
       coalesce(error, 'no usable content (nothing earlier to compare with)'), fetched_at
FROM classified
WHERE outcome = 'error'
ORDER BY seq;

-- name: close_versions
UPDATE document_versions AS v
SET valid_to = c.fetched_at
FROM classified c
WHERE v.url = c.url AND v.version = c.prev_version AND v.valid_to IS NULL
  AND c.outcome IN ('changed', 'withdrawn');

-- name: insert_versions
INSERT INTO document_versions
SELECT url, next_version, content_sha256, fingerprint, media_type, fetched_at, NULL, $run_id
FROM classified
WHERE outcome IN ('new', 'changed');

-- name: insert_extractions
INSERT INTO extractions
SELECT c.url, c.next_version, s.extractor_version, c.fetched_at, $run_id, s.title,
       s.reference, s.published_date, s.publisher, s.primary_force, s.topic, s.body_text,
       s.forces, s.people, s.reports, s.phones, s.judgements, s.stated_date, s.dates,
       s.sector, s.primary_service, s.services
FROM classified c
JOIN staged s USING (seq)
WHERE c.outcome IN ('new', 'changed');

-- name: record_document_dates
-- Dates from outside the document (document_dates): what discovery listed for the URL (a
-- feed entry's date, a sitemap's lastmod) and the server's Last-Modified, for every URL
-- the run reached. Each source keeps the earliest date it gave: a later one is a revision.
INSERT INTO document_dates
SELECT url, source, min(value) AS value, min(fetched_at) AS observed_at, $run_id
FROM (
    SELECT c.url, l.d.source AS source, l.d.value AS value, c.fetched_at
    FROM classified c
    JOIN (SELECT seq, unnest(listed_dates) AS d FROM staged) l USING (seq)
    WHERE c.outcome IN ('new', 'changed', 'unchanged', 'not_modified')
    UNION ALL
    SELECT url, 'http', http_date(last_modified), fetched_at
    FROM classified
    WHERE outcome IN ('new', 'changed', 'unchanged', 'not_modified')
)
WHERE value IS NOT NULL
GROUP BY url, source
ON CONFLICT (url, source) DO UPDATE
SET value = excluded.value, observed_at = excluded.observed_at, run_id = excluded.run_id
WHERE excluded.value < document_dates.value;

-- name: insert_gaps
-- The extraction's unread lines (extraction_gaps), beside its row in extractions.
INSERT INTO extraction_gaps
SELECT url, version, extractor_version, ordinal, gap.text, gap.grade, gap.why
FROM (
    SELECT c.url, c.next_version AS version, s.extractor_version,
           unnest(s.gaps) AS gap, generate_subscripts(s.gaps, 1) AS ordinal
    FROM classified c
    JOIN staged s USING (seq)
    WHERE c.outcome IN ('new', 'changed')
);

-- name: upsert_documents
INSERT INTO document_state
SELECT url, source, fetched_at, fetched_at, 'active', next_version, NULL, etag, last_modified,
       content_sha256
FROM classified
WHERE outcome = 'new';

-- name: update_documents
UPDATE document_state AS d
SET last_seen = CASE WHEN c.outcome = 'withdrawn' THEN d.last_seen ELSE c.fetched_at END,
    status = CASE WHEN c.outcome = 'withdrawn' THEN 'withdrawn' ELSE 'active' END,
    current_version = CASE WHEN c.outcome = 'changed' THEN c.next_version
                           ELSE d.current_version END,
    withdrawn_at = CASE WHEN c.outcome = 'withdrawn'
                        THEN coalesce(d.withdrawn_at, c.fetched_at) END,
    etag = CASE WHEN c.outcome = 'withdrawn' THEN d.etag ELSE coalesce(c.etag, d.etag) END,
    last_modified = CASE WHEN c.outcome = 'withdrawn' THEN d.last_modified
                         ELSE coalesce(c.last_modified, d.last_modified) END,
    last_content_sha256 = coalesce(c.content_sha256, d.last_content_sha256),
    source = coalesce(d.source, c.source)
FROM classified c
WHERE d.url = c.url AND c.outcome IN ('changed', 'unchanged', 'not_modified', 'withdrawn');

-- name: finish_run
UPDATE run_log
SET finished_at = $finished_at,
    status = CASE WHEN $n_failed > 0 THEN 'finished_with_errors' ELSE 'finished' END,
    n_new = $n_new, n_changed = $n_changed, n_unchanged = $n_unchanged,
    n_not_modified = $n_not_modified, n_withdrawn = $n_withdrawn, n_failed = $n_failed
WHERE run_id = $run_id;

-- name: count_outcomes
SELECT
    count(*) FILTER (WHERE outcome = 'new') AS n_new,
    count(*) FILTER (WHERE outcome = 'changed') AS n_changed,
    count(*) FILTER (WHERE outcome IN ('unchanged', 'not_modified')) AS n_unchanged,
    count(*) FILTER (WHERE outcome = 'not_modified') AS n_not_modified,
    count(*) FILTER (WHERE outcome = 'withdrawn' AND prev_status = 'active') AS n_withdrawn,
    count(*) FILTER (WHERE outcome = 'error') AS n_failed
FROM classified;

-- name: start_run
INSERT INTO run_log (run_id, flow_run_id, started_at, status, sources, extractor_version)
VALUES ($run_id, $flow_run_id, $started_at, 'running', $sources, $extractor_version);

-- name: abort_stale_runs
-- Called with the writer lock held: a run still marked running belongs to a process that died.
UPDATE run_log SET status = 'aborted', finished_at = $now
WHERE status = 'running';

-- name: fail_run
UPDATE run_log SET status = 'failed', finished_at = $now WHERE run_id = $run_id;

-- name: abort_run
-- A run that could not load (the warehouse stayed busy, or Ctrl-C): nothing of it is in
-- the warehouse.
UPDATE run_log SET status = 'aborted', finished_at = $now
WHERE run_id = $run_id AND status = 'running';

-- name: known_documents
SELECT d.url, d.source, d.status, d.etag, d.last_modified, d.last_content_sha256
FROM document_state d
WHERE d.source = ANY($sources);
