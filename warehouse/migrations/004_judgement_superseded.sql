-- Judgements carry `superseded`: an Engage entry that a release recalls while announcing
-- the removal that ends it ("was moved into Engage in 2022 ... now removed"). Extractions
-- made before this migration kept such entries under area `engage_monitoring_previous`;
-- their rows keep their areas and get superseded = false (re-extraction adds new rows).
ALTER TABLE extractions ALTER judgements
    TYPE STRUCT(force VARCHAR, area VARCHAR, value VARCHAR, evidence VARCHAR, restated BOOLEAN,
                superseded BOOLEAN)[]
    USING list_transform(judgements, lambda j: struct_insert(j, superseded := false));
