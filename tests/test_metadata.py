"""Document facts: datelines in the shapes agencies and newswires use."""

import pytest

from analysis.corpus import Document
from analysis.metadata import describe


@pytest.mark.parametrize(("lead", "city", "country", "published"), [
    ("TASHKENT, 17 January 2024 – The centre said", "Tashkent", "UZB", "2024-01-17"),
    ("BOGOTÁ, Colombia – The minister met", "Bogotá", "COL", ""),
    ("ZAHEDAN, Nov. 20 (IRNA) – Police in the province", "Zahedan", "IRN", ""),
    ("Lagos (Nigeria), 7 June 2023 – The agency stopped a car", "Lagos", "NGA", "2023-06-07"),
    ("Almaty, Kazakhstan, 3 May 2024 – Police said", "Almaty", "KAZ", "2024-05-03"),
    ("ULAANBAATAR, Mongolia – The visit", "Ulaanbaatar", "MNG", ""),
    # an ordinary first sentence with a dash is not a dateline
    ("Police in Osh seized 2 kg of hashish - officials said.", "", "", ""),
])
def test_dateline(lead, city, country, published):
    facts = describe(Document("d", "d.txt", f"Headline of the release\n\n{lead} more text."))
    assert (facts.dateline_city, facts.dateline_country, facts.published) == (city, country, published)


def test_a_title_case_dateline_without_a_country_gives_the_publication_date():
    facts = describe(Document("d", "d", "Headline\n\nThe Hague, 4 March 2025 – Police officers from nine countries met."))
    assert (facts.published, facts.dateline_city, facts.dateline_country) == ("2025-03-04", "The Hague", "NLD")


def test_an_ordinary_first_sentence_is_not_a_dateline():
    facts = describe(Document("d", "d", "Headline\n\nPolice in Osh, Kyrgyzstan, seized 12 kg of heroin on Monday."))
    assert (facts.published, facts.dateline_city) == ("", "")


@pytest.mark.parametrize(("text", "publisher"), [
    # a national agency named in the headline and lede publishes the release
    ("PDEA seizes shabu worth P13.6 million in Cebu\n\nCEBU CITY – Agents of the Philippine Drug Enforcement "
     "Agency (PDEA) seized 2 kilograms of shabu on Monday.", "PDEA"),
    ("Guardia Civil dismantles hashish network in Cádiz\n\nThe Guardia Civil has arrested 14 people and seized "
     "3 tonnes of hashish.", "Guardia Civil"),
    # a news agency in the dateline wins
    ("Police seize heroin\n\nKABUL, 3 May (Reuters) - The Counter Narcotics Police of Afghanistan seized 40 kg.",
     "Reuters"),
])
def test_publisher(text, publisher):
    assert describe(Document("d", "d", text)).publisher == publisher


def test_a_release_that_says_who_issued_it_names_its_publisher():
    text = ("Police and customs agree on joint patrols\n\nPANAMA CITY – Officers of the DEA and the National Police "
            "met on Monday.\n\nIssued by the Press Office of the Ministry of Security of Honduras.")
    assert describe(Document("d", "d", text)).publisher == "Ministry of Security of Honduras"
    known = "Joint patrols agreed\n\nOfficials met on Monday.\n\nReleased by the United Nations Office on Drugs and Crime"
    assert describe(Document("d", "d", known)).publisher == "UNODC"
