-- Judgements carry `restated`: a verdict of an earlier inspection that the release recalls
-- ("at our initial inspection in 2016 we judged the force inadequate"). Extractions made
-- before this migration restated nothing (extractor versions up to 7 kept such verdicts
-- under `<area>_previous`); their rows keep their areas and get restated = false.
ALTER TABLE extractions ALTER judgements
    TYPE STRUCT(force VARCHAR, area VARCHAR, value VARCHAR, evidence VARCHAR, restated BOOLEAN)[]
    USING list_transform(judgements, lambda j: struct_insert(j, restated := false));
