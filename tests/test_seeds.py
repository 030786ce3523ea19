"""The seed documents against their hand-made gold (tests/gold/seeds)."""

from conftest import SEED_GOLD

from analysis.tables.evaluate import evaluate


def _row_f1(scores, table):
    return next(s.f1 for s in scores if s.table == table and s.field == "(rows)")


def test_seed_seizures_match_gold_exactly(seed_tables):
    scores = evaluate(SEED_GOLD, seed_tables.as_dict())
    assert _row_f1(scores, "seizures") == 1.0
    fields = {s.field: s.f1 for s in scores if s.table == "seizures"}
    assert all(f1 == 1.0 for f1 in fields.values()), fields


def test_seed_documents_and_countries(seed_tables):
    scores = evaluate(SEED_GOLD, seed_tables.as_dict())
    assert _row_f1(scores, "countries") == 1.0
    assert all(s.f1 == 1.0 for s in scores if s.table == "documents"), scores


def test_heroin_seizure_keeps_its_source(seed_tables):
    heroin = seed_tables.seizures[seed_tables.seizures["drug"] == "heroin"].iloc[0]
    assert heroin["quantity_kg"] == 71.11
    text = (seed_tables.documents.set_index("doc_id").loc[heroin["doc_id"], "path"])
    with open(text, encoding="utf-8") as handle:
        raw = handle.read()
    assert "71 kg and 110 grams" in raw
    assert heroin["sentence"][: 10] in raw


def test_seed_cooperation_tables(seed_tables):
    scores = evaluate(SEED_GOLD, seed_tables.as_dict())
    for table in ("visits", "meetings", "counts"):
        assert _row_f1(scores, table) >= 0.9, table
    visit_fields = {s.field: s.f1 for s in scores if s.table == "visits"}
    assert visit_fields["visitor"] == 1.0 and visit_fields["officials_met"] == 1.0, visit_fields


def test_seed_visits_keep_their_sentences(seed_tables):
    visits = seed_tables.visits
    assert sorted(visits["host_country"]) == ["AZE", "TJK"]
    for visit in visits.itertuples():
        with open(seed_tables.documents.set_index("doc_id").loc[visit.doc_id, "path"], encoding="utf-8") as handle:
            raw = handle.read()
        assert visit.sentence.split()[0] in raw and "visit" in visit.sentence.lower()


def test_seed_trends_have_no_value(seed_tables):
    trends = seed_tables.counts[seed_tables.counts["value"].isna()]
    assert set(trends["qualifier"]) == {"historical high", "doubled"}
    assert set(trends["year"]) == {"2013", "2012"}
