-- Two sectors (DESIGN.md, "Two sectors"): the inspectorate inspects police forces and fire
-- and rescue services. An extraction says which sector its release is about (`sector`),
-- the inspected body (`primary_service`, a force's or a fire service's canonical name) and
-- every body it names (`services`); each judgement carries its `sector` and `service`.
-- Police columns (`primary_force`, `forces`, a judgement's `force`) stay as they were for
-- police releases and are null or empty for fire ones. Extractions made before this
-- migration have none of these: the views read them as police rows (the only sector read
-- then), with their force as their service, until `pressroom reextract` adds rows that do.
ALTER TABLE extractions ADD COLUMN sector VARCHAR;
ALTER TABLE extractions ADD COLUMN primary_service VARCHAR;
ALTER TABLE extractions ADD COLUMN services
    STRUCT(sector VARCHAR, service VARCHAR, in_notes BOOLEAN)[];
ALTER TABLE extractions ALTER judgements
    TYPE STRUCT(force VARCHAR, area VARCHAR, value VARCHAR, evidence VARCHAR, restated BOOLEAN,
                superseded BOOLEAN, period VARCHAR, sector VARCHAR, service VARCHAR)[]
    USING list_transform(
        judgements,
        lambda j: struct_insert(j, sector := NULL::VARCHAR, service := NULL::VARCHAR)
    );
