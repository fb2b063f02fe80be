-- Judgements carry `period`: the inspection period the release names for its verdicts, as
-- written ("2021/22", "2023–25", "2016"), or null. Extractions made before this
-- migration named none; re-extraction (a newer extractor version) adds rows that do.
ALTER TABLE extractions ALTER judgements
    TYPE STRUCT(force VARCHAR, area VARCHAR, value VARCHAR, evidence VARCHAR, restated BOOLEAN,
                superseded BOOLEAN, period VARCHAR)[]
    USING list_transform(judgements, lambda j: struct_insert(j, period := NULL::VARCHAR));
