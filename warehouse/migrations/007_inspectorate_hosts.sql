-- The hosts of the inspectorate's own releases: where sources disagree on a grade,
-- `grades` takes the value these releases state (and says so). A host matches itself and
-- its subdomains. Data, not code: add a host with an INSERT.
CREATE TABLE inspectorate_hosts (host VARCHAR PRIMARY KEY);
INSERT INTO inspectorate_hosts VALUES
    ('justiceinspectorates.gov.uk'),
    ('hmic.gov.uk'),
    ('hmicfrs.gov.uk');
