-- The warehouse contract: views and macros SQL users rely on. Re-created on every
-- migration, so changing a view is an edit here, not a migration.

CREATE OR REPLACE VIEW runs AS
SELECT run_id, flow_run_id, started_at, finished_at, status,
       n_new, n_changed, n_unchanged, n_withdrawn, n_failed,
       n_not_modified, sources, extractor_version
FROM run_log;

CREATE OR REPLACE VIEW fetches AS
SELECT run_id, url, fetched_at, http_status, outcome, content_sha256, error,
       source, content_type, content_length, etag, last_modified
FROM fetch_log;

CREATE OR REPLACE VIEW errors AS
SELECT run_id, url, stage, error, "at" FROM error_log;

CREATE OR REPLACE VIEW documents AS
SELECT url, first_seen, last_seen, status, current_version, source, withdrawn_at
FROM document_state;

-- The newest extractor's output for each document version.
CREATE OR REPLACE VIEW current_extractions AS
SELECT *
FROM extractions
QUALIFY row_number() OVER (PARTITION BY url, version ORDER BY extractor_version DESC) = 1;

-- Dates (README, "Dates"). The order in which sources are believed: a date the release
-- states outranks its page's metadata, its feed entry, its address, its PDF's creation
-- date, its sitemap's lastmod, the server's Last-Modified, and when pressroom first saw it.
CREATE OR REPLACE MACRO date_source_rank(source) AS list_position(
    ['text', 'html_meta', 'feed', 'url', 'pdf_meta', 'sitemap', 'http', 'first_seen'], source
);

-- An HTTP date (RFC 9110: IMF-fixdate, or the obsolete RFC 850 and asctime forms) as a
-- DATE, or NULL.
CREATE OR REPLACE MACRO http_date(value) AS CAST(try_strptime(
    value, ['%a, %d %b %Y %H:%M:%S GMT', '%A, %d-%b-%y %H:%M:%S GMT', '%a %b %d %H:%M:%S %Y']
) AS DATE);

-- Why a date cannot be when a document was published, or NULL when it can be. A day's
-- grace after the first fetch: a release dated in local time may be a day ahead of UTC.
CREATE OR REPLACE MACRO date_doubt(value, first_seen) AS CASE
    WHEN value > current_date THEN 'in the future'
    WHEN value < DATE '2000-01-01' THEN 'before 2000'
    WHEN value > CAST(first_seen AS DATE) + 1
        THEN 'after the document was first fetched (' || strftime(first_seen, '%Y-%m-%d') || ')'
END;

-- Every date given for each document version, with its source, its rank and what is
-- wrong with it (doubt; NULL when nothing is). The document's own dates come with the
-- version's extraction (an extraction made before extractor version 17 gave its
-- published_date alone, taken as the text's); the feed's, the sitemap's and the server's
-- are facts about the URL (document_dates), the same for every version, and so is
-- first_seen.
CREATE OR REPLACE VIEW release_dates AS
WITH given AS (
    SELECT url, version, d.source AS source, d.value AS value
    FROM (
        SELECT url, version,
               unnest(CASE WHEN dates IS NOT NULL THEN dates
                           WHEN published_date IS NOT NULL
                           THEN [{'source': 'text', 'value': published_date}] END) AS d
        FROM current_extractions
    )
    UNION ALL
    SELECT v.url, v.version, dd.source, dd.value
    FROM document_versions v
    JOIN document_dates dd USING (url)
    UNION ALL
    SELECT url, version, 'first_seen', NULL
    FROM document_versions
)
SELECT g.url, g.version, g.source,
       coalesce(g.value, CAST(d.first_seen AS DATE)) AS value,
       date_source_rank(g.source) AS rank,
       CASE WHEN g.source <> 'first_seen' THEN coalesce(
           date_doubt(g.value, d.first_seen),
           -- Many servers stamp a page with the time they serve it: a Last-Modified from
           -- the day of the first fetch says no more than first_seen does.
           CASE WHEN g.source = 'http' AND g.value >= CAST(d.first_seen AS DATE)
                THEN 'the server''s clock when first fetched' END
       ) END AS doubt
FROM given g
JOIN document_state d USING (url);

-- Each version's date: the best-ranked one nothing is wrong with, and the better-ranked
-- ones set aside, with why.
CREATE OR REPLACE VIEW release_effective_dates AS
SELECT url, version,
       arg_min(value, rank) FILTER (WHERE doubt IS NULL) AS published_date,
       arg_min(source, rank) FILTER (WHERE doubt IS NULL) AS date_source,
       coalesce(
           list({'source': source, 'value': value, 'reason': doubt} ORDER BY rank)
               FILTER (WHERE doubt IS NOT NULL),
           []
       ) AS date_rejected
FROM release_dates
GROUP BY url, version;

CREATE OR REPLACE VIEW release_versions AS
WITH joined AS (
    SELECT v.url, v.version, e.title, e.reference, r.published_date, r.date_source,
           e.publisher, e.primary_force, e.topic, v.media_type, e.body_text,
           e.extractor_version, v.valid_from, v.valid_to, d.status,
           e.forces, e.people, e.reports, e.phones,
           -- Extractions made before the sectors (migration 008) are police ones: their
           -- force is their service.
           list_transform(e.judgements, lambda j: {
               'force': j.force, 'area': j.area, 'value': j.value, 'evidence': j.evidence,
               'restated': j.restated, 'superseded': j.superseded, 'period': j.period,
               'sector': coalesce(j.sector, 'police'), 'service': coalesce(j.service, j.force)
           }) AS judgements,
           coalesce(e.sector, 'police') AS sector,
           CASE WHEN e.sector IS NULL THEN e.primary_force ELSE e.primary_service END
               AS primary_service,
           CASE WHEN e.sector IS NULL
                THEN list_transform(e.forces, lambda f: {
                    'sector': 'police', 'service': f.force, 'in_notes': f.in_notes})
                ELSE e.services END AS services,
           v.content_sha256, v.fingerprint,
           CASE WHEN e.dates IS NULL THEN e.published_date ELSE e.stated_date END
               AS stated_date,
           r.date_rejected
    FROM document_versions v
    JOIN current_extractions e USING (url, version)
    JOIN document_state d USING (url)
    JOIN release_effective_dates r USING (url, version)
), with_previous AS (
    SELECT *,
           lag(version)        OVER w AS p_version,
           lag(title)          OVER w AS p_title,
           lag(reference)      OVER w AS p_reference,
           lag(published_date) OVER w AS p_published_date,
           lag(publisher)      OVER w AS p_publisher,
           lag(primary_force)  OVER w AS p_primary_force,
           lag(topic)          OVER w AS p_topic,
           lag(media_type)     OVER w AS p_media_type,
           lag(body_text)      OVER w AS p_body_text,
           lag(forces)         OVER w AS p_forces,
           lag(people)         OVER w AS p_people,
           lag(reports)        OVER w AS p_reports,
           lag(phones)         OVER w AS p_phones,
           lag(judgements)     OVER w AS p_judgements,
           lag(sector)         OVER w AS p_sector,
           lag(primary_service) OVER w AS p_primary_service,
           lag(services)       OVER w AS p_services
    FROM joined
    WINDOW w AS (PARTITION BY url ORDER BY version)
)
SELECT url, version, title, reference, published_date, date_source, publisher,
       primary_force, topic, media_type, body_text, extractor_version, valid_from, status,
       valid_to,
       CASE WHEN p_version IS NULL THEN []::VARCHAR[] ELSE list_filter([
           CASE WHEN title          IS DISTINCT FROM p_title          THEN 'title' END,
           CASE WHEN reference      IS DISTINCT FROM p_reference      THEN 'reference' END,
           CASE WHEN published_date IS DISTINCT FROM p_published_date THEN 'published_date' END,
           CASE WHEN publisher      IS DISTINCT FROM p_publisher      THEN 'publisher' END,
           CASE WHEN primary_force  IS DISTINCT FROM p_primary_force  THEN 'primary_force' END,
           CASE WHEN topic          IS DISTINCT FROM p_topic          THEN 'topic' END,
           CASE WHEN media_type     IS DISTINCT FROM p_media_type     THEN 'media_type' END,
           CASE WHEN body_text      IS DISTINCT FROM p_body_text      THEN 'body_text' END,
           CASE WHEN forces         IS DISTINCT FROM p_forces         THEN 'forces' END,
           CASE WHEN people         IS DISTINCT FROM p_people         THEN 'people' END,
           CASE WHEN reports        IS DISTINCT FROM p_reports        THEN 'reports' END,
           CASE WHEN phones         IS DISTINCT FROM p_phones         THEN 'phones' END,
           CASE WHEN judgements     IS DISTINCT FROM p_judgements     THEN 'judgements' END,
           CASE WHEN sector         IS DISTINCT FROM p_sector         THEN 'sector' END,
           CASE WHEN primary_service IS DISTINCT FROM p_primary_service
                THEN 'primary_service' END,
           CASE WHEN services       IS DISTINCT FROM p_services       THEN 'services' END
       ], lambda f: f IS NOT NULL) END AS changed_fields,
       forces, people, reports, phones, judgements, content_sha256, fingerprint,
       stated_date, date_rejected, sector, primary_service, services
FROM with_previous;

CREATE OR REPLACE VIEW releases AS
SELECT r.url, r.version, r.title, r.reference, r.published_date, r.date_source,
       r.publisher, r.primary_force, r.topic, r.media_type, r.body_text,
       r.extractor_version, r.valid_from, r.status, r.valid_to, r.forces, r.people,
       r.reports, r.phones, r.judgements, r.content_sha256, r.stated_date, r.date_rejected,
       r.sector, r.primary_service, r.services
FROM release_versions r
JOIN document_state d ON d.url = r.url AND d.current_version = r.version;

CREATE OR REPLACE VIEW release_forces AS
SELECT url, version, f.force AS force, f.in_notes AS in_notes
FROM (SELECT url, version, unnest(forces) AS f FROM releases);

-- Every body a current release names, in its sector: police forces (as release_forces)
-- or fire and rescue services.
CREATE OR REPLACE VIEW release_services AS
SELECT url, version, s.sector AS sector, s.service AS service, s.in_notes AS in_notes
FROM (SELECT url, version, unnest(services) AS s FROM releases);

CREATE OR REPLACE VIEW release_people AS
SELECT url, version, p.name AS name, p.role AS role
FROM (SELECT url, version, unnest(people) AS p FROM releases);

CREATE OR REPLACE VIEW release_reports AS
SELECT url, version, unnest(reports) AS report FROM releases;

CREATE OR REPLACE VIEW release_phones AS
SELECT url, version, unnest(phones) AS phone FROM releases;

CREATE OR REPLACE VIEW judgements AS
SELECT url, version, published_date, j.force AS force, j.area AS area,
       j.value AS value, j.evidence AS evidence, j.restated AS restated,
       j.superseded AS superseded, j.period AS period, date_source,
       j.sector AS sector, j.service AS service
FROM (SELECT url, version, published_date, date_source, unnest(judgements) AS j
      FROM releases);

-- What the judgement rules did not read in each current release: the sentences and list
-- lines with a grade word near a known area phrase or force that gave no judgement, from
-- the same (newest) extraction as the release's judgements.
CREATE OR REPLACE VIEW verdict_gaps AS
SELECT r.url, r.version, g.text, g.grade, g.why, g.ordinal, r.published_date,
       r.primary_force, r.title, r.extractor_version, r.sector, r.primary_service
FROM releases r
JOIN extraction_gaps g
  ON g.url = r.url AND g.version = r.version AND g.extractor_version = r.extractor_version;

-- The warehouse as it stood at `ts`: each URL's version valid then (withdrawn ones excluded).
CREATE OR REPLACE MACRO releases_as_of(ts) AS TABLE
SELECT url, version, title, reference, published_date, date_source, publisher,
       primary_force, topic, media_type, body_text, extractor_version, valid_from,
       'active' AS status, valid_to, forces, people, reports, phones, judgements,
       stated_date, date_rejected, sector, primary_service, services
FROM release_versions
WHERE valid_from <= CAST(ts AS TIMESTAMP)
  AND (valid_to IS NULL OR valid_to > CAST(ts AS TIMESTAMP));
