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

-- Dates (docs/dates.md). The order in which sources are believed: a date the release
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

-- One verdict, one row (docs/warehouse.md, "Grades").
--
-- An inspection period as written ("2023–2025", "2023-25", "2018 / 19", "2016") in one
-- form: "YYYY", "YYYY/YY" for two years, "YYYY–YY" for more.
CREATE OR REPLACE MACRO period_key(p) AS CASE
    WHEN p IS NULL OR regexp_full_match(p, '20\d\d(/\d\d)?') THEN p
    WHEN regexp_matches(p, '^\s*20\d\d\s*[/–—-]\s*(20)?\d\d\s*$') THEN
        regexp_extract(p, '20\d\d')
        || CASE WHEN CAST(regexp_extract(p, '(\d\d)\s*$', 1) AS INTEGER)
                     = CAST(regexp_extract(p, '^\s*20(\d\d)', 1) AS INTEGER) + 1
                THEN '/' ELSE '–' END
        || regexp_extract(p, '(\d\d)\s*$', 1)
    ELSE nullif(trim(p), '')
END;

CREATE OR REPLACE MACRO url_host(u) AS
    lower(regexp_extract(u, '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/]*@)?([^/:?#]+)', 1));

-- Each verdict `grades` counts: a judgement of a current, active release about a named
-- service, with the period it belongs to. Engage decisions are steps of a process, not an
-- inspection's grade, and a superseded entry is history: neither is here (`judgements`
-- keeps them). The period is the judgement's own (its release's, or for a recalled verdict
-- the one its sentence names, extractors/rules/periods.py); a judgement naming none joins
-- the one period in which dated statements give the same service, area and value (when its
-- release gives that service and area no other undated value), else stays unknown (NULL).
-- Never a year taken from the publication date.
CREATE OR REPLACE VIEW grade_statements AS
-- Read from the base tables, not through `judgements`: the same rows (each active
-- document's current version, its newest extraction), without the work `releases` does
-- for columns this view never reads (changed_fields over every version), which would cost
-- it most of its second at 30,000 releases.
WITH newest AS (
    -- (current_extractions' window over every column costs more than this.)
    SELECT url, version, max(extractor_version) AS extractor_version
    FROM extractions
    GROUP BY ALL
), current AS (
    SELECT e.url, e.version, e.judgements
    FROM document_state d
    JOIN extractions e ON e.url = d.url AND e.version = d.current_version
    JOIN newest n
      ON n.url = e.url AND n.version = e.version AND n.extractor_version = e.extractor_version
    WHERE d.status = 'active'
), dated AS (
    -- A date pressroom only saw the release on is no publication date.
    SELECT r.url, r.version, r.published_date
    FROM release_effective_dates r
    SEMI JOIN current c ON c.url = r.url AND c.version = r.version
    WHERE r.date_source IS DISTINCT FROM 'first_seen'
), sites AS (
    -- Whether a release is the inspectorate's: its host, or a domain above it, is listed.
    SELECT url, list_has_any(
               list_transform(range(len(parts)), lambda i: array_to_string(parts[i + 1:], '.')),
               (SELECT list(host) FROM inspectorate_hosts)
           ) AS inspectorate
    FROM (SELECT url, string_split(url_host(url), '.') AS parts FROM current)
), stated AS (
    -- (an extraction from before the sectors, migration 008, is a police one)
    SELECT url, version, coalesce(j.sector, 'police') AS sector,
           coalesce(j.service, j.force) AS service, j.area AS area,
           j.value AS value, period_key(j.period) AS stated_period, j.restated AS restated,
           j.evidence AS evidence
    FROM (SELECT url, version, unnest(judgements) AS j FROM current)
    WHERE coalesce(j.service, j.force) IS NOT NULL
      AND j.area <> 'engage_monitoring'
      AND NOT coalesce(j.superseded, false)
), undated AS (
    -- A release giving several values for one service and area, none with a period, does
    -- not say which belongs where: none of them joins a dated period.
    SELECT url, sector, service, area, count(DISTINCT value) = 1 AS one_value
    FROM stated
    WHERE stated_period IS NULL
    GROUP BY ALL
), periods AS (
    SELECT sector, service, area, value, min(stated_period) AS period
    FROM stated
    WHERE stated_period IS NOT NULL
    GROUP BY ALL
    HAVING count(DISTINCT stated_period) = 1
)
SELECT s.url, s.version, s.sector, s.service, s.area, s.value,
       coalesce(s.stated_period, p.period) AS period,
       s.stated_period IS NULL AS period_joined, s.restated, t.inspectorate,
       dd.published_date, s.evidence
FROM stated s
JOIN sites t ON t.url = s.url
LEFT JOIN dated dd ON dd.url = s.url AND dd.version = s.version
LEFT JOIN undated u
  ON s.stated_period IS NULL
 AND u.url = s.url AND u.sector = s.sector AND u.service = s.service AND u.area = s.area
LEFT JOIN periods p
  ON u.one_value
 AND p.sector = s.sector AND p.service = s.service AND p.area = s.area AND p.value = s.value;

-- One row per (sector, service, area, period): the value, how many current releases state
-- it, and the other values stated with their releases. Where sources disagree, the value
-- the inspectorate's own releases state wins when they state one value
-- (decided_by_inspectorate); otherwise the value most releases state (then the one stated
-- last).
CREATE OR REPLACE VIEW grades AS
WITH per_release AS (
    -- A release stating one value twice (announced and recalled) is one source.
    SELECT sector, service, area, period, value, url,
           bool_or(inspectorate) AS inspectorate,
           bool_and(period_joined) AS period_joined,
           min(published_date) AS published_date
    FROM grade_statements
    GROUP BY ALL
), per_value AS (
    SELECT sector, service, area, period, value,
           count(*) AS sources,
           count(*) FILTER (WHERE inspectorate) AS inspectorate_sources,
           list(url ORDER BY url) AS urls,
           min(published_date) AS first_stated,
           max(published_date) AS last_stated,
           count(*) FILTER (WHERE period_joined) AS undated_sources
    FROM per_release
    GROUP BY ALL
), grouped AS (
    SELECT sector, service, area, period,
           list({'value': value, 'sources': sources, 'urls': urls,
                 'first_stated': first_stated, 'last_stated': last_stated,
                 'inspectorate_sources': inspectorate_sources,
                 'undated_sources': undated_sources}
                ORDER BY (deciding AND inspectorate_sources > 0) DESC, sources DESC,
                         inspectorate_sources DESC, last_stated DESC NULLS LAST, value) AS vals,
           any_value(deciding) AS decided_by_inspectorate
    FROM (
        -- The inspectorate decides when its releases state one of several values.
        SELECT *, count(*) OVER w > 1
                  AND count(*) FILTER (WHERE inspectorate_sources > 0) OVER w = 1 AS deciding
        FROM per_value
        WINDOW w AS (PARTITION BY sector, service, area, period)
    )
    GROUP BY ALL
)
SELECT sector, service, area, period,
       vals[1].value AS value,
       vals[1].sources AS sources,
       vals[1].urls AS agreeing,
       list_transform(vals[2:], lambda v: {'value': v.value, 'sources': v.sources,
                                            'urls': v.urls}) AS disagreeing,
       CASE WHEN len(vals) > 1 THEN 'conflict'
            WHEN vals[1].sources > 1 THEN 'corroborated'
            ELSE 'single source' END AS status,
       vals[1].first_stated AS first_stated,
       vals[1].last_stated AS last_stated,
       list_sort(list_distinct(flatten(list_transform(vals, lambda v: v.urls)))) AS urls,
       decided_by_inspectorate,
       vals[1].inspectorate_sources AS inspectorate_sources,
       vals[1].undated_sources AS undated_sources
FROM grouped;
