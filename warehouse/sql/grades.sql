-- What people read out of the `grades` view (views.sql). Each block starts with
-- "-- name: <name>"; warehouse/queries.py reads them by name.

-- name: service_grades
-- One service's verdicts, area by inspection period (period unknown last).
SELECT area, period, value, sources, status, agreeing, disagreeing, first_stated,
       last_stated, decided_by_inspectorate, undated_sources
FROM grades
WHERE sector = $sector AND service = $service
ORDER BY area, period NULLS LAST;

-- name: services_named
-- The services `grades` has rows for (to suggest one when a name is not found).
SELECT DISTINCT sector, service FROM grades ORDER BY service;

-- name: report_grades
-- Every service's rows (police forces and fire and rescue services) for the report's grids
-- and its Conflicts section.
SELECT service, area, period, value, sources, status, agreeing, disagreeing,
       decided_by_inspectorate
FROM grades
ORDER BY service, area, period NULLS LAST;

-- name: report_titles
-- The titles of the active releases (those `grades` counts), for the cells' titles and the
-- links; read from the current extractions rather than through `grades` a second time.
SELECT c.url, c.title
FROM current_extractions c
JOIN document_state d ON d.url = c.url AND d.current_version = c.version
WHERE d.status = 'active' AND c.title IS NOT NULL;
