-- What one run did, for its summary (the Prefect artifact `pressroom-run-summary`).
-- Each block starts with "-- name: <name>"; warehouse/queries.py reads them by name.

-- name: run_changes
-- Documents the run added, changed or withdrew, with the version concerned.
SELECT f.outcome, f.url, coalesce(v.version, d.current_version) AS version, r.title,
       CASE WHEN f.outcome = 'changed' THEN array_to_string(r.changed_fields, ', ') END
           AS detail
FROM fetch_log f
LEFT JOIN document_versions v ON v.url = f.url AND v.run_id = f.run_id
LEFT JOIN document_state d ON d.url = f.url
LEFT JOIN release_versions r
       ON r.url = f.url AND r.version = coalesce(v.version, d.current_version)
WHERE f.run_id = $run_id AND f.outcome IN ('new', 'changed', 'withdrawn')
ORDER BY CASE f.outcome WHEN 'new' THEN 1 WHEN 'changed' THEN 2 ELSE 3 END, f.url
LIMIT $limit;

-- name: run_failures
SELECT stage, url, error FROM error_log WHERE run_id = $run_id ORDER BY "at", url LIMIT $limit;

-- name: run_reextracted
-- Document versions a re-extraction run extracted again.
SELECT e.url, e.version, e.title
FROM extractions e
WHERE e.run_id = $run_id AND NOT EXISTS (
    SELECT 1 FROM document_versions v
    WHERE v.url = e.url AND v.version = e.version AND v.run_id = e.run_id
)
ORDER BY e.url, e.version
LIMIT $limit;

-- name: run_totals
SELECT status, n_new, n_changed, n_unchanged, n_withdrawn, n_failed,
       (SELECT count(*) FROM extractions e WHERE e.run_id = $run_id AND NOT EXISTS (
            SELECT 1 FROM document_versions v
            WHERE v.url = e.url AND v.version = e.version AND v.run_id = e.run_id))
           AS n_reextracted
FROM run_log WHERE run_id = $run_id;
