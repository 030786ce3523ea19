"""Seizure rows of whole texts: one row per seizure even when a text repeats it."""

import pytest

from analysis.extract.seizures import extract_seizures
from analysis.text.annotated import annotate_text


@pytest.mark.parametrize(("text", "expected"), [
    ("Irs finds 80 kg of cocaine in a cargo of melons The Irs located 80 kg of cocaine in a load of melons.",
     [("cocaine", 80.0)]),  # a headline glued to its body, no full stop between: one seizure
    ("Police seized 5 kg of heroin in Osh and 5 kg of heroin in Batken.",
     [("heroin", 5.0), ("heroin", 5.0)]),  # two seizures of one size in a list stay two
    ("Customs seize 40 kg of hashish\n\nCustoms officers seized 40 kg of hashish at the port on Monday.",
     [("hashish", 40.0)]),  # headline and body
    ("The sacks together weighed 2.2 tons and were loaded onto a lorry.", []),  # no drug named: cargo
    ("Deputies found cannabis weighing 1.2 kg and cocaine weighing 400 grams in the car.",
     [("cannabis", 1.2), ("cocaine", 0.4)]),  # each drug weighed: "and" starts the next item
])
def test_rows(text, expected):
    assert [(row.drug, row.quantity_kg) for row in extract_seizures(annotate_text(text))] == expected


@pytest.mark.parametrize(("text", "drug"), [
    ("NDLEA operatives recovered 120 kilogrammes of Indian hemp from a farm in Edo State.", "marijuana"),
    ("Border guards recovered 2,300 bottles of Phensedyl from a truck near Benapole.", "codeine"),
    ("Police found 600 ampoules of pentazocine in a shop in Kano.", "pentazocine"),
])
def test_regional_names_of_drugs(text, drug):
    assert [row.drug for row in extract_seizures(annotate_text(text))] == [drug]


@pytest.mark.parametrize(("text", "expected"), [
    # a drug name joined to what carries it names the drug
    ("Deputies seized 8,000 fentanyl-laced pills during the stop.", [("fentanyl", None, 8000.0)]),
    ("Inspectors found 9 kilograms of cocaine-filled condoms in the luggage.", [("cocaine", 9.0, None)]),
    ("Officers seized 25 pounds of cannabis-infused gummies.", [("cannabis", 11.339809, None)]),
    ("The NCB recovered 30 kg of codeine-based syrup and 2 kg of ganja.", [("codeine", 30.0, None),
                                                                         ("marijuana", 2.0, None)]),
    # but not an ordinary word that is also slang, nor "drug-related"
    ("Police seized 3 kg of cocaine hidden in ice-filled coolers.", [("cocaine", 3.0, None)]),
    ("The drug-related cargo of 20 tonnes of sugar was released.", []),
])
def test_a_drug_name_joined_by_a_hyphen(text, expected):
    rows = extract_seizures(annotate_text(text))
    assert [(row.drug, row.quantity_kg and round(row.quantity_kg, 6), row.quantity_count) for row in rows] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a count and the weight of the same items are one seizure: the count's unit, the weight's kilograms and hedge
    ("Authorities seized 8,000 Captagon tablets weighing 1.3 kilograms.", [("captagon", 1.3, 8000.0, "tablets", "exact")]),
    ("Police found 120,000 ecstasy pills, weighing about 36 kg, in the lorry.",
     [("ecstasy", 36.0, 120000.0, "pills", "about")]),
    ("Officers seized 3,500 tablets of tramadol (2.1 kg) at the airport.", [("tramadol", 2.1, 3500.0, "tablets", "exact")]),
    ("Customs seized 1.3 kilograms of Captagon (around 8,000 tablets) at the border.",
     [("captagon", 1.3, 8000.0, "tablets", "exact")]),
    ("The courier had swallowed 87 capsules of heroin weighing 1.1 kg.", [("heroin", 1.1, 87.0, "capsules", "exact")]),
    ("Officers found 40 bottles of codeine syrup, weighing about 12 kg, in the boot.",
     [("codeine", 12.0, 40.0, "bottles", "about")]),  # the drug named between the count and "weighing"
    ("Agents seized 2.4 kilograms of fentanyl pills, about 21,000 pills in all, in a flat.",
     [("fentanyl", 2.4, 21000.0, "pills", "exact")]),  # the count in apposition, in the weight's unit word
    ("Deputies seized 300 oxycodone 30mg pills and 9 grams of heroin.",
     [("oxycodone", None, 300.0, "pills", "exact"), ("heroin", 0.009, None, "", "exact")]),  # a pill's strength
    ("Agents uncovered 52,000 pills weighing 14 kilos and 600 grams of methamphetamine.",
     [("methamphetamine", 14.6, 52000.0, "pills", "exact")]),  # a compound weight first, then joined
    # a weight of each item is not the count's weight; two items of a list stay two rows
    ("The officers recovered 500 fentanyl pills weighing 0.1 grams each.",
     [("fentanyl", None, 500.0, "pills", "exact"), ("fentanyl", 0.0001, None, "", "exact")]),
    ("Police seized 2,000 ecstasy tablets and 3 kg of cannabis.",
     [("ecstasy", None, 2000.0, "tablets", "exact"), ("cannabis", 3.0, None, "", "exact")]),
])
def test_a_count_and_its_weight(text, expected):
    rows = extract_seizures(annotate_text(text))
    assert [(row.drug, row.quantity_kg, row.quantity_count, row.quantity_units, row.qualifier) for row in rows] == expected


PUBLISHED = __import__("datetime").date(2024, 5, 10)


@pytest.mark.parametrize(("text", "expected"), [
    # the dateline's date and "announced today" tell when the news was given; the body says when
    ("TERMEZ, 10 May 2024 – Customs officers seized 31 kg of hashish at the Airitom crossing, the agency "
     "announced today.\n\nThe lorry was stopped on 7 May near the bridge.", [("2024-05-07", "event")]),
    ("Border guards found 8 kg of opium in a bus, a spokesman said on Friday. The bus was inspected on 2 May.",
     [("2024-05-02", "event")]),
    # a date of its own wins over everything around it
    ("On 3 May, police seized 4 kg of heroin in Osh. On 6 May, officers seized 9 kg of opium in Batken.",
     [("2024-05-03", "event"), ("2024-05-06", "event")]),
    # items of an operation's list take its period, at the precision both ends share
    ("A joint operation ran from 4 to 12 April 2024 across the region.\n\nPolice in the north seized 55 kg "
     "of cannabis.\n\nIn the south, officers seized 12 kg of hashish.", [("2024-04", "event"), ("2024-04", "event")]),
    # "a total weight of" is one seizure; "during the year" and a breakdown sentence are aggregates
    ("Officers found 30 packages with a total weight of 31.5 kg of heroin on 1 May.", [("2024-05-01", "event")]),
    ("In 2023 agencies seized a total of 3 tonnes of drugs. Among them were 900 kg of opium and 40 kg of heroin.",
     [("2023", "aggregate"), ("2023", "aggregate"), ("2023", "aggregate")]),
    ("Customs seized 700 kg of cannabis resin during the year, the service said.", [("", "aggregate")]),
])
def test_dates_and_scope(text, expected):
    """The date the text gives; a row the text does not date carries the publication date, marked so."""
    rows = extract_seizures(annotate_text(text, PUBLISHED))
    assert [(row.date if row.date_basis == "text" else "", row.scope) for row in rows] == expected
    for row in rows:
        assert row.date_basis == "text" or (row.date_basis, row.date) == ("publication", PUBLISHED.isoformat())


def test_no_publication_date_leaves_an_undated_row_empty():
    rows = extract_seizures(annotate_text("Customs seized 700 kg of cannabis resin during the year."))
    assert [(row.date, row.date_basis) for row in rows] == [("", "")]


# A table that sums honestly (docs/tables.md): summing quantity_kg over scope == "event" rows counts each
# seizure once. Cases of our own wording, one per shape of total and parts.
@pytest.mark.parametrize(("text", "expected"), [
    # a seizure's total then its parts by drug: the parts only
    ("Officers seized about 75 kg of narcotics, namely 60.2 kg of opium, 12.5 kg of hashish and 2.1 kg of heroin.",
     [("opium", 60.2, "event"), ("hashish", 12.5, "event"), ("heroin", 2.1, "event")]),
    # a hedged headline over the body's exact figure, and over the body's several finds
    ("Police stop more than 90 kg of drugs at Kulma pass\n\nBorder guards found 61 kg 300 g of opium in the "
     "first truck. A second truck carried 30 kg 150 g of hashish.",
     [("opium", 61.3, "event"), ("hashish", 30.15, "event")]),
    ("Around 480 kg of cocaine seized at the port\n\nCustoms officers seized 476 kg 210 grams of cocaine.",
     [("cocaine", 476.21, "event")]),
    # parts of one drug in one seizure are one row
    ("Inspectors found 64 kg of heroin in a lorry. The heroin was hidden in two tanks: 40 kg in one and 24 kg "
     "in the other.", [("heroin", 64.0, "event")]),
    # a combined figure over the operations it then tells one by one: the operations only
    ("Police seized a combined 812 kg of hashish in two operations. In the first, officers found 500 kg of "
     "hashish in a barn. In the second, they seized 312 kg of hashish from a van.",
     [("hashish", 500.0, "event"), ("hashish", 312.0, "event")]),
    # a period's total stays beside its breakdown by drug, both aggregate
    ("Over a five-day operation, agencies seized 310 kg of drugs. The haul consisted of 250 kg of hashish and "
     "60 kg of opium.", [("drugs", 310.0, "aggregate"), ("hashish", 250.0, "aggregate"),
                         ("opium", 60.0, "aggregate")]),
    # a list of drugs is no total: "41 kg hashish, 40 kg heroin"
    ("Police seized 813 kg of opium, 41 kg of hashish, 40 kg of heroin and 12 kg of other drugs.",
     [("opium", 813.0, "event"), ("hashish", 41.0, "event"), ("heroin", 40.0, "event"), ("drugs", 12.0, "event")]),
    # a counted total over the body's exact count ("nearly 3 lakh" over "2,84,600"): the body's count, read in
    # its lakh grouping, is the seizure and the headline's total goes; the headline's weight apart
    ("BGB seizes nearly 5 lakh yaba pills, 3kg crystal meth\n\nMembers of the Border Guard Bangladesh recovered "
     "4,82,300 yaba pills and 3 kg of crystal meth from a boat.",
     [("methamphetamine", 3.0, "event"), ("methamphetamine", None, "event")]),
    # a headline's round weight over the body's precise one, a count of the same drug between them
    ("Navy seizes nearly 4 lakh yaba pills, 2kg crystal meth\n\nNavy officers recovered 3,91,200 yaba pills and "
     "2.2 kilograms of crystal meth from a fishing boat.",
     [("methamphetamine", None, "event"), ("methamphetamine", 2.2, "event")]),
    # a total's sibling in its own list is skipped: the hashish's hiding places still add up to it
    ("Officers seized 141 kg 900 grams of narcotics, including 130 kg 500 grams of hashish and 11 kg 400 grams "
     "of opium. The hashish lay in two places: 90 kg in a barn and 40 kg 500 grams in a well.",
     [("hashish", 130.5, "event"), ("opium", 11.4, "event")]),
    # what a vessel can carry is no seizure
    ("Narco-subs, which can carry up to 6 tonnes of cocaine, are hard to spot; this one held 1.4 tonnes of cocaine.",
     [("cocaine", 1400.0, "event")]),
    # "the drug" refers back to the drug named last
    ("Tests showed the powder was cocaine; the bags held 18 kg 400 g of the drug.", [("cocaine", 18.4, "event")]),
])
def test_totals_and_parts(text, expected):
    rows = extract_seizures(annotate_text(text, PUBLISHED))
    assert [(row.drug, row.quantity_kg and round(row.quantity_kg, 3), row.scope) for row in rows] == expected


def test_parts_point_at_their_total():
    text = ("Agencies of three countries seized nearly 900 kg of drugs in a joint operation from 2 to 9 June 2024. "
            "In Kazakhstan, police seized 400 kg of hashish. Kyrgyz officers found 290 kg of opium. "
            "In Tajikistan, 195 kg of heroin were seized.")
    rows = extract_seizures(annotate_text(text, PUBLISHED))
    total, *parts = rows
    assert (total.scope, total.country, total.quantity_kg) == ("aggregate", "", 900.0)  # across countries: none
    assert [(p.country, p.scope, p.part_of) for p in parts] == [(c, "event", total.row_id) for c in ("KAZ", "KGZ", "TJK")]
    assert sum(r.quantity_kg for r in rows if r.scope == "event") == 885.0
    assert len({r.row_id for r in rows}) == len(rows)


@pytest.mark.parametrize(("text", "expected"), [
    # the dateline names where the release was issued, not where the drugs were found
    ("ASHGABAT, 3 May 2024 – Customs officers seized 14 kg of heroin at the Serhetabat border post.",
     [("TKM", "Serhetabat border post")]),
    # a demonym before an agency names the country; one before a drug names the origin
    ("Kyrgyz officers seized 96 kg of hashish, while Uzbek customs found 12 kg of Afghan heroin.",
     [("KGZ", ""), ("UZB", "")]),
    ("In Kazakhstan, police seized 40 kg of marijuana.", [("KAZ", "")]),
    # a person's home and a destination are not the place of seizure
    ("A resident of Bishkek was detained at the Korday checkpoint with 2 kg of hashish.",
     [("KAZ", "Korday checkpoint")]),
    ("The passenger, bound for Jeddah, Saudi Arabia, carried 1.2 kg of heroin at Lahore airport.",
     [("PAK", "Lahore airport")]),
    # a province in the sentence gives way to the crossing named in the next one
    ("Police seized 136 kg of heroin in Herat province.\n\nThe lorry was stopped at the Islam Qala border "
     "crossing.", [("AFG", "Islam Qala border crossing")]),
    # an operation's name is not a place
    ("Operation Tridente Sur led to the seizure of 87 tonnes of cocaine.", [("", "")]),
])
def test_places(text, expected):
    assert [(row.country, row.location) for row in extract_seizures(annotate_text(text, PUBLISHED))] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the count of packages and the vehicle told in the next sentence belong to the lead's seizure
    ("Police seized 40 kg of heroin near Kulob.\n\nThe heroin was packed in 38 bundles hidden in a pickup "
     "truck.", [(38, "pickup truck")]),
    # each drug its own packages
    ("Navy officers seized 900 kg of hashish and 75 kg of methamphetamine from a dhow. They found 31 sacks of "
     "hashish and 6 bags of methamphetamine in the hold.", [(31, "dhow"), (6, "dhow")]),
    # the most specific vehicle named
    ("Customs found 12 kg of opium in a vehicle, a semi-trailer truck registered abroad.", [(None, "semi-trailer truck")]),
    # "in a separate operation": the sentences before tell another seizure's packages and vehicle
    ("Gendarmes found 210 kg of heroin in a lorry near Van. The heroin was wrapped in 420 packets. "
     "In a separate operation, police seized 35 kg of cannabis at the airport.", [(420, "lorry"), (None, "")]),
])
def test_packages_and_conveyance(text, expected):
    assert [(row.packages, row.conveyance) for row in extract_seizures(annotate_text(text, PUBLISHED))] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("In 2018 customs seized 310 tonnes of heroin, compared with 12 tonnes in 2017.",
     [("2018", "aggregate"), ("2017", "aggregate")]),  # each figure its own year
    ("Since March, police have seized 2.5 tonnes of cannabis resin.", [("2024", "aggregate")]),  # the year so far
])
def test_aggregate_periods(text, expected):
    assert [(row.date, row.scope) for row in extract_seizures(annotate_text(text, PUBLISHED))] == expected


def test_a_city_several_countries_have_is_taken_where_the_document_is():
    text = ("VALENCIA, Spain – Officers seized 60 kg of hashish at the port of Valencia.\n\n"
            "The boat had sailed from Tangier, Morocco.")
    assert [row.country for row in extract_seizures(annotate_text(text, PUBLISHED, dateline=("", "ESP")))] == ["ESP"]


def test_a_headline_and_a_body_naming_the_drug_differently_are_one_seizure():
    text = ("Marines seize a tonne of meth in Sinaloa\n\nCULIACÁN, Mexico – Marines seized 1,000 kilos "
            "(2,202 pounds) of the drug at a clandestine laboratory on 4 June.")
    rows = extract_seizures(annotate_text(text, PUBLISHED))
    assert [(row.drug, row.quantity_kg, row.date) for row in rows] == [("methamphetamine", 1000.0, "2024-06-04")]


def test_a_breakdown_and_its_continuation_take_the_totals_period():
    text = ("Police seized 29 tonnes of drugs nationwide in 2023, the department said. Syabu accounted for "
            "13,872 kilograms. Police also seized 2.86 million Erimin 5 pills.")
    rows = extract_seizures(annotate_text(text, PUBLISHED))
    assert [(row.scope, row.date) for row in rows] == [("aggregate", "2023")] * 3


def test_packaging_told_after_the_seizure_is_not_another_seizure():
    text = "Customs seized 4,730 kg of methamphetamine, packed in 4,730 one-kilogram tea packets."
    assert [row.quantity_kg for row in extract_seizures(annotate_text(text, PUBLISHED))] == [4730.0]


@pytest.mark.parametrize(("text", "default", "expected"), [
    # a border names a neighbour; "US dollars" names no place; a country's totals are the release's country
    ("Guards seized 3.1 million yaba tablets along the border with Myanmar.", "BGD", ["BGD"]),
    ("In 2024 the secretariat seized 211 tonnes of marijuana worth 90 million US dollars.", "PRY", ["PRY"]),
    # "Bado" of "Capitán Bado" is not the Congolese city of that name
    ("Agents seized 18 tonnes of marijuana near Capitán Bado.", "PRY", ["PRY"]),
])
def test_countries_from_context(text, default, expected):
    assert [row.country for row in extract_seizures(annotate_text(text, PUBLISHED, dateline=("", default)))] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Officers seized 52 kg of cocaine hidden in a sea chest at the Port of Newcastle.", ["Port of Newcastle"]),
    ("Customs found 385 kg of cocaine in a container at Port Botany.", ["Port Botany"]),
    ("Agents seized 312 kg of cocaine at a ranch in the department of Alto Paraguay.", ["Alto Paraguay"]),
    ("Officers raided a stall at the Ochanja market and seized 1,120 bottles of codeine syrup.", ["Ochanja market"]),
    # a town the gazetteer does not know, after "in" or "near"; not a country, a month or a compass point
    ("Marines seized 3,400 litres of P-2-P at a laboratory near Cosalá.", ["Cosalá"]),
    ("In Uzbekistan police seized 40 kg of opium in March.", [""]),
])
def test_named_places_of_seizure(text, expected):
    assert [row.location for row in extract_seizures(annotate_text(text, PUBLISHED))] == expected


def test_a_tie_between_countries_has_the_same_answer_in_every_process():
    """Set order follows the hash seed, which differs between processes; the tables must not."""
    import subprocess
    import sys

    script = ("from analysis.extract.seizures import extract_seizures\n"
              "from analysis.text.annotated import annotate_text\n"
              "text = 'Police in Spain and the United States helped. Officers seized 12 kg of heroin in Valencia.'\n"
              "print([r.country for r in extract_seizures(annotate_text(text))])\n")
    answers = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={**__import__("os").environ, "PYTHONHASHSEED": str(seed)}).stdout
               for seed in range(6)}
    assert len(answers) == 1, answers


def test_a_lethal_dose_is_not_a_seized_dose():
    rows = extract_seizures(annotate_text("Doctors warned that 3 mg of carfentanil can be a lethal dose."))
    assert [row.quantity_units for row in rows if row.quantity_count is not None] == []


def test_a_headline_the_body_repeats_stays_beside_a_similar_separate_seizure():
    text = ("Police seize about 6 kg of heroin in Osh\n\nAbout 6 kg of heroin was found in a car in Osh on 2 May. "
            "In a separate operation, officers seized 5.2 kg of heroin in Batken.")
    assert [row.quantity_kg for row in extract_seizures(annotate_text(text))] == [6.0, 5.2]


@pytest.mark.parametrize(("text", "countries"), [
    # no place near the seizure and no dateline: the country the release is about
    ("Railway customs stop hashish in transit\n\nKun-style News, 4 May 2024\n\nOfficers of the Termez railway post in "
     "Uzbekistan checked a train crossing Uzbek territory. Uzbekistan's customs service said the wagon was "
     "searched twice.\n\nThe last crates held 12 kg of hashish.", ["UZB"]),
    # a world city whose country the release never names is a namesake in the release's country
    ("Police in Tajikistan searched a house. Tajik officers, working with Tajikistan's drug agency, then "
     "found 8 kg of opium at the Darband station in Rasht district.", ["TJK"]),
])
def test_country_of_a_release_about_one_country(text, countries):
    assert [row.country for row in extract_seizures(annotate_text(text))] == countries
