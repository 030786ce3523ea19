"""Document facts: datelines in the shapes agencies and newswires use."""

import pytest

from analysis.text.corpus import Document
from analysis.text.metadata import describe


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


# The page's own date and outlet from the lines around its headline (made-up outlets and facts).
@pytest.mark.parametrize(("text", "published", "publisher", "city"), [
    ("Rangers seize charas in Khyber\n\nThe Frontier Post, 14 August 2023\n\nRangers seized 40 kg of charas.",
     "2023-08-14", "The Frontier Post", ""),
    ("Police burn seized drugs\nPosted 9 Feb 2022 | Provincial desk\n\nThe police destroyed 2 tons of drugs.",
     "2022-02-09", "Provincial desk", ""),
    ("Pubdate: Wed, 3 Jul 2019\nSource: Harbour Times (Ghana)\n\nCustoms met in Tema.", "2019-07-03", "Harbour Times", ""),
    ("Customs stop heroin\n\nOSH, March 4, 2021, Fergana News — Customs officers seized 3 kg of heroin.",
     "2021-03-04", "Fergana News", "Osh"),
    ("Border guards stop opium\n\nKhorog, Oct. 2, 2019. /Pamir Daily/. Border guards seized 9 kg of opium.",
     "2019-10-02", "Pamir Daily", "Khorog"),
    ("Anti-drug week opens\n2022 11 04\n\nThe week opened in Ashgabat.", "2022-11-04", "", ""),
    ("Delegation meets ministry\n\nBy Dhaka Courier\n\nDhaka: The delegation met officials today.", "", "Dhaka Courier",
     "Dhaka"),
    # datelines with a news agency, with or without the year (the year then from the text)
    ("Police meet in Quito\n\nQuito, Mar. 9 (ANDES). Police chiefs met in 2023 to plan patrols.", "2023-03-09",
     "ANDES", "Quito"),
    ("Customs chiefs meet\n\nTBILISI, MAY 21, GEOPRESS. The heads of customs met in 2024.", "2024-05-21", "GEOPRESS",
     "Tbilisi"),
    ("Ministers meet\n\nAccra, Jun. 3, 2022 (GNA) – Ministers met to adopt a plan.", "2022-06-03",
     "Ghana News Agency (GNA)", "Accra"),
    # the agency's acronym after a comma, no brackets (the Ghana News Agency's own style)
    ("Drug mules held\n\nTamale, Mar 4, GNA - Two couriers were held at the airport.", "", "Ghana News Agency (GNA)", "Tamale"),
    # a sentence that happens to hold a date is not a date line
    ("Police seize opium\n\nOn 5 May 2021 police in Herat seized 300 kg of opium in a raid.", "", "", ""),
])
def test_header_date_and_outlet(text, published, publisher, city):
    facts = describe(Document("d", "d.txt", text))
    assert (facts.published, facts.publisher, facts.dateline_city) == (published, publisher, city)


def test_a_pdf_date_line_wins_over_its_metadata_date():
    text = "Seizures in the first half\n\nReleased 2 July 2024\n\nCustoms seized 3 tonnes of drugs."
    dated = Document("d", "d.pdf", text, meta={"fallback_date": "2024-07-09"})
    undated = Document("d", "d.pdf", "Seizures in the first half\n\nCustoms seized 3 tonnes.",
                       meta={"fallback_date": "2024-07-09"})
    assert (describe(dated).published, describe(undated).published) == ("2024-07-02", "2024-07-09")


# Publication dates in the common forms of release pages (made-up outlets, places and facts): a date line
# near the top (also below a menu), a dateline, a labelled date, a timestamp, a closing date line.
_BODY = "\n\n".join(["Port officers searched a reefer container and found 4 kg of heroin inside frozen fish.",
                     "Two handlers were questioned, and the container was held for further tests.",
                     "The agency thanked its partners for the information that led to the search."])


@pytest.mark.parametrize(("text", "published"), [
    (f"Heroin found in fish container\n\nKARACHI, 3 June 2024 — {_BODY}", "2024-06-03"),
    (f"Heroin found in fish container\n\nKarachi, June 3, 2024: {_BODY}", "2024-06-03"),
    (f"Heroin found in fish container\n\nKARACHI (June 3, 2024) – {_BODY}", "2024-06-03"),
    (f"Heroin found in fish container\nPublished: 3 June 2024\n\n{_BODY}", "2024-06-03"),
    (f"Heroin found in fish container\nPosted on June 3rd, 2024 in Port news\n\n{_BODY}", "2024-06-03"),
    (f"Heroin found in fish container\nUpdated: 03.06.2024 14:05\n\n{_BODY}", "2024-06-03"),
    (f"Heroin found in fish container\nLast updated 2024-06-03T14:05:00+05:00\n\n{_BODY}", "2024-06-03"),
    (f"Heroin found in fish container\n2024-06-03 09:12\n\n{_BODY}", "2024-06-03"),
    (f"Heroin found in fish container\nDate: 2024/06/03\n\n{_BODY}", "2024-06-03"),
    (f"Heroin found in fish container\nMonday, June 3rd, 2024 - 10:15\n\n{_BODY}", "2024-06-03"),
    (f"Heroin found in fish container\nJun 3, 2024, 10:15 AM ET\n\n{_BODY}", "2024-06-03"),
    # below a menu of short lines, before the first paragraph
    ("Home\nNews\nPorts\nOpinion\nVideo\nContact\nSearch\nSign in\nHeroin found in fish container\nDesk reporter\n"
     f"03 Jun 2024\n\n{_BODY}", "2024-06-03"),
    # numeric dates in the document's order: a US page writes month-name dates month first
    (f"Heroin found in fish container\n06/03/2024\n\n{_BODY}\n\nThe case was filed on May 30, 2024.", "2024-06-03"),
    (f"Heroin found in fish container\n06/03/2024\n\n{_BODY}", "2024-03-06"),
    # a date line closing the text
    (f"Heroin found in fish container\n\n{_BODY}\n\nKarachi, 3 June 2024", "2024-06-03"),
    (f"Heroin found in fish container\n\n{_BODY}\n\nDate of publication: 04/06/2024\nPress office", "2024-06-04"),
    # not a publication date: a closing sentence, the date of a cited source
    (f"Heroin found in fish container\n\n{_BODY}\n\nThe handlers appear in court on 3 June 2024.", ""),
    (f"Heroin found in fish container\n\n{_BODY}\n\nSource: Harbour Times (3-6-2024)", ""),
    # but an outlet line that says "Source:" with this page's timestamp is its date
    (f"Heroin found in fish container\n\nSource: Gulf Wire | 2024-06-03 09:12:40\n\n{_BODY}", "2024-06-03"),
])
def test_publication_date_forms(text, published):
    assert describe(Document("d", "d.txt", text)).published == published


def test_a_timestamp_or_a_label_is_not_an_outlet_nor_a_place():
    stamped = describe(Document("d", "d.txt", f"Heroin found\nLast updated 2024-06-03T14:05:00Z\n\n{_BODY}"))
    labelled = describe(Document("d", "d.txt", f"Heroin found\nDate: 2024/06/03\n\n{_BODY}"))
    assert (stamped.publisher, labelled.publisher, labelled.dateline_city) == ("", "", "")
