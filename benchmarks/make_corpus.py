"""A synthetic corpus in the genre, with the gold tables a careful analyst would write.

Usage::

    .venv/bin/python benchmarks/make_corpus.py out/bench/corpus-1000 -n 1000 [--seed 7]

writes ``OUT/docs/*.txt`` (one made-up press release or news item each,
about 400 words) and ``OUT/gold/seizures.csv`` plus ``OUT/gold/documents.csv``,
shaped like ``tests/fixtures/genre/seizures/gold`` so that
``python -m analysis evaluate --gold OUT/gold --corpus OUT/docs`` scores the
extractor on it.

What the documents hold
-----------------------
* **Seizure releases** (about 55 %): a dateline in one of six forms, a
  headline that names no amount, the same amount, or a rounded and hedged
  one ("over 2 tonnes"); a main seizure of one to three drugs with a
  conveyance, packages and a hiding place; sometimes a second, separate
  seizure and a year-to-date or last-year aggregate.
* **Results reports** (about 15 %): a yearly total and its breakdown by drug.
* **Cooperation news** (about 30 %): INTERPOL, UNODC, OSCE, Europol,
  CARICC or WCO visits, meetings and trainings, sometimes with the result of
  a multi-country operation.

Amounts come in kg, kilograms, kilos, kilogrammes, glued ``27.5kg``, grams,
``g``, tons, tonnes, metric tons, pounds, lbs, compounds (``12 kg 350
grams``, ``2 tons 380 kilograms``), conversions in brackets, number words
(``two and a half kilograms``), ranges and counted pills and tablets; with
hedges (about, some, nearly, more than, over, at least, up to, less than).
Distractors: money, percentages, hectares, distances, ages, years, article
numbers, phone numbers, weights of cover loads and other goods, attributive
sizes ("an 18-ton truck"), package sizes ("each weighing about 1 kg"),
prices per kilogram, production rates and production statistics.

Gold conventions (``docs/conventions.md``): one row per drug per seizure;
a compound or a bracketed conversion is one amount, the first figure stated;
a range keeps its low end with qualifier ``over``; counted seizures leave
``quantity_kg`` empty; the same amount told in the headline and the body is
one row, and a headline's rounded figure gives way to the body's; a total and
its breakdown are all rows; generic amounts are drug ``drugs``; a
multi-country operation total has no country. Dates are ISO at the text's
precision, relative dates resolved against the publication date.

Everything is drawn from ``random.Random(f"{seed}:{index}")``, so a
document depends only on the seed and its index: the first 100 documents of
a 1,000-document corpus are the 100-document corpus. All names, places'
stories and figures are made up.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

GENERATOR_VERSION = "1"
"""Bumped whenever the output for a given seed changes (the benchmark's cache key)."""

LB = 0.45359237
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MONTHS_AP = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SMALL_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
               9: "nine", 10: "ten", 11: "eleven", 12: "twelve", 15: "fifteen", 20: "twenty"}

SEIZURE_COLUMNS = ["doc_id", "date", "country", "drug", "quantity_kg", "quantity_count", "quantity_units",
                   "qualifier", "scope"]
DOCUMENT_COLUMNS = ["doc_id", "published", "publisher", "title", "dateline_city", "dateline_country"]


# --- the world the documents describe ---------------------------------------------

@dataclass(frozen=True)
class Country:
    """A country as the releases talk about it."""

    iso3: str
    name: str
    adjective: str
    cities: tuple[str, ...]
    agencies: tuple[tuple[str, str], ...]  # (full name, short name)
    locations: tuple[str, ...]  # named places where seizures happen
    drugs: tuple[str, ...]  # canonical drugs, repeated for weight
    currency: str  # "USD", "Rs", "EUR" ...
    neighbours: tuple[str, ...] = ()


COUNTRIES = [
    Country("PAK", "Pakistan", "Pakistani", ("Karachi", "Lahore", "Peshawar", "Quetta", "Islamabad"),
            (("Anti-Narcotics Force", "ANF"), ("Pakistan Customs", "Customs"), ("Frontier Corps", "FC")),
            ("the Torkham border crossing", "the port of Karachi", "Allama Iqbal International Airport", "Chaman",
             "the Taftan border crossing", "the Wagah border crossing"),
            ("heroin", "heroin", "hashish", "hashish", "opium", "methamphetamine", "tramadol"), "Rs",
            ("Afghanistan", "Iran")),
    Country("AFG", "Afghanistan", "Afghan", ("Kabul", "Herat", "Kandahar", "Jalalabad", "Mazar-i-Sharif"),
            (("Counter Narcotics Police", "CNPA"), ("Border Police", "border police")),
            ("the Islam Qala border crossing", "the Hairatan border crossing", "Spin Boldak", "Kabul International Airport"),
            ("heroin", "opium", "opium", "hashish", "methamphetamine", "acetic anhydride"), "USD",
            ("Pakistan", "Iran", "Tajikistan")),
    Country("IRN", "Iran", "Iranian", ("Zahedan", "Mashhad", "Kerman", "Bandar Abbas", "Tehran"),
            (("anti-narcotics police", "police"), ("Border Guards", "border guards")),
            ("Saravan", "the Mirjaveh border crossing", "the port of Bandar Abbas", "Sarakhs"),
            ("opium", "opium", "heroin", "methamphetamine", "hashish", "morphine"), "USD",
            ("Afghanistan", "Pakistan")),
    Country("TJK", "Tajikistan", "Tajik", ("Dushanbe", "Khujand", "Kulob", "Khorog"),
            (("Drug Control Agency", "DCA"), ("Border Troops", "border troops"), ("Customs Service", "customs")),
            ("the Nizhny Panj border crossing", "the Shahritus district", "the Panji Poyon border crossing point",
             "the Ishkashim border crossing"),
            ("heroin", "hashish", "hashish", "opium", "marijuana"), "USD", ("Afghanistan", "Uzbekistan")),
    Country("KGZ", "Kyrgyzstan", "Kyrgyz", ("Bishkek", "Osh", "Jalal-Abad", "Karakol"),
            (("Drug Control Service", "the Service"), ("Border Service", "border guards")),
            ("the Dostuk checkpoint", "the Torugart border crossing", "the Irkeshtam checkpoint", "Manas International Airport"),
            ("hashish", "marijuana", "marijuana", "heroin", "mephedrone"), "USD", ("Tajikistan", "Kazakhstan")),
    Country("KAZ", "Kazakhstan", "Kazakh", ("Almaty", "Astana", "Shymkent", "Aktau"),
            (("police", "police"), ("Border Service", "border guards"), ("State Revenue Committee", "customs")),
            ("the Korday checkpoint", "the Zhibek Zholy checkpoint", "the port of Aktau", "the Khorgos border crossing"),
            ("marijuana", "hashish", "mephedrone", "mephedrone", "heroin", "precursors"), "USD",
            ("Kyrgyzstan", "Uzbekistan", "Russia")),
    Country("UZB", "Uzbekistan", "Uzbek", ("Tashkent", "Termez", "Samarkand", "Bukhara"),
            (("National Centre for Drug Control", "the Centre"), ("State Customs Committee", "customs")),
            ("the Ayritom border crossing", "the Termez river port", "the Oybek checkpoint"),
            ("hashish", "opium", "marijuana", "heroin", "tramadol"), "USD", ("Afghanistan", "Tajikistan")),
    Country("TKM", "Turkmenistan", "Turkmen", ("Ashgabat", "Turkmenabat", "Mary"),
            (("State Border Service", "border guards"), ("State Customs Service", "customs")),
            ("the Farap checkpoint", "the Serhetabat border post", "the Imamnazar checkpoint"),
            ("opium", "hashish", "heroin"), "USD", ("Afghanistan", "Uzbekistan")),
    Country("TUR", "Türkiye", "Turkish", ("Istanbul", "Mersin", "Izmir", "Van"),
            (("Gendarmerie", "gendarmerie"), ("Customs Enforcement", "customs")),
            ("the port of Mersin", "the Kapikule border gate", "Istanbul Airport", "the Gurbulak border crossing"),
            ("heroin", "cocaine", "captagon", "methamphetamine", "cannabis"), "USD", ("Iran", "Syria")),
    Country("COL", "Colombia", "Colombian", ("Bogota", "Cartagena", "Buenaventura", "Cali", "Santa Marta"),
            (("Colombian Navy", "Navy"), ("National Police", "police")),
            ("the port of Buenaventura", "the port of Cartagena", "El Dorado International Airport", "the port of Tumaco"),
            ("cocaine", "cocaine", "cocaine", "marijuana"), "USD", ("Ecuador", "Venezuela")),
    Country("ECU", "Ecuador", "Ecuadorian", ("Guayaquil", "Quito", "Manta", "Machala"),
            (("National Police", "police"), ("Ecuadorian Navy", "Navy")),
            ("the port of Guayaquil", "Puerto Bolivar", "the port of Manta", "the Posorja port"),
            ("cocaine", "cocaine", "marijuana"), "USD", ("Colombia", "Peru")),
    Country("PER", "Peru", "Peruvian", ("Lima", "Callao", "Paita", "Cusco"),
            (("National Police", "police"), ("Customs Superintendence", "customs")),
            ("the port of Callao", "the port of Paita", "Jorge Chavez International Airport"),
            ("cocaine", "cocaine", "marijuana"), "USD", ("Bolivia", "Ecuador")),
    Country("BRA", "Brazil", "Brazilian", ("Santos", "Sao Paulo", "Rio de Janeiro", "Paranagua"),
            (("Federal Police", "police"), ("Federal Revenue Service", "customs")),
            ("the port of Santos", "the port of Paranagua", "Guarulhos International Airport"),
            ("cocaine", "cocaine", "marijuana"), "USD", ("Paraguay", "Bolivia")),
    Country("NLD", "the Netherlands", "Dutch", ("Rotterdam", "Amsterdam", "Vlissingen"),
            (("Dutch Customs", "Customs"), ("Royal Marechaussee", "Marechaussee")),
            ("the port of Rotterdam", "Schiphol Airport", "the port of Vlissingen"),
            ("cocaine", "cocaine", "hashish", "amphetamine", "ecstasy"), "EUR", ("Belgium", "Germany")),
    Country("BEL", "Belgium", "Belgian", ("Antwerp", "Brussels", "Zeebrugge"),
            (("Belgian Customs", "Customs"), ("Federal Police", "police")),
            ("the port of Antwerp", "the port of Zeebrugge", "Brussels Airport"),
            ("cocaine", "cocaine", "hashish", "amphetamine"), "EUR", ("the Netherlands", "France")),
    Country("ESP", "Spain", "Spanish", ("Algeciras", "Valencia", "Malaga", "Barcelona"),
            (("Guardia Civil", "Guardia Civil"), ("National Police", "police")),
            ("the port of Algeciras", "the port of Valencia", "the port of Cadiz", "the port of Huelva"),
            ("hashish", "hashish", "cocaine", "cocaine", "marijuana"), "EUR", ("Morocco", "Portugal")),
    Country("ARE", "the United Arab Emirates", "Emirati", ("Dubai", "Abu Dhabi", "Sharjah"),
            (("Dubai Customs", "Customs"), ("Dubai Police", "police")),
            ("Jebel Ali Port", "Dubai International Airport", "Khalifa Port"),
            ("captagon", "captagon", "methamphetamine", "hashish", "heroin"), "AED", ("Oman", "Saudi Arabia")),
    Country("SAU", "Saudi Arabia", "Saudi", ("Jeddah", "Riyadh", "Dammam"),
            (("Zakat, Tax and Customs Authority", "customs"), ("General Directorate of Narcotics Control", "GDNC")),
            ("Jeddah Islamic Port", "the Al-Haditha border crossing", "King Abdulaziz International Airport"),
            ("captagon", "captagon", "hashish", "methamphetamine", "khat"), "USD", ("Jordan", "Yemen")),
    Country("NGA", "Nigeria", "Nigerian", ("Lagos", "Abuja", "Kano"),
            (("National Drug Law Enforcement Agency", "NDLEA"), ("Nigeria Customs Service", "customs")),
            ("Murtala Muhammed International Airport", "Apapa port", "Tin Can Island port"),
            ("cannabis", "cannabis", "cocaine", "tramadol", "methamphetamine"), "USD", ("Benin", "Ghana")),
    Country("KEN", "Kenya", "Kenyan", ("Mombasa", "Nairobi", "Kisumu"),
            (("Anti-Narcotics Unit", "ANU"), ("Kenya Revenue Authority", "KRA")),
            ("the port of Mombasa", "Jomo Kenyatta International Airport", "Shimoni"),
            ("heroin", "heroin", "cannabis", "cocaine"), "USD", ("Tanzania", "Somalia")),
]
COUNTRY_BY_ISO = {c.iso3: c for c in COUNTRIES}

# canonical drug -> surface words (first is the plain name)
DRUG_SURFACES = {
    "heroin": ["heroin", "heroin", "heroin", "brown sugar"],
    "opium": ["opium", "opium", "raw opium"],
    "morphine": ["morphine", "morphine base"],
    "hashish": ["hashish", "hashish", "hashish", "cannabis resin", "charas"],
    "marijuana": ["marijuana", "marijuana", "ganja", "cannabis herb"],
    "cannabis": ["cannabis", "cannabis"],
    "cocaine": ["cocaine", "cocaine", "cocaine", "cocaine hydrochloride", "coca paste"],
    "methamphetamine": ["methamphetamine", "crystal meth", "crystal methamphetamine", "methamphetamine"],
    "amphetamine": ["amphetamine", "amphetamine"],
    "mephedrone": ["mephedrone"],
    "precursors": ["precursor chemicals", "precursors"],
    "acetic anhydride": ["acetic anhydride"],
    "khat": ["khat"],
}
COUNTED = {  # canonical -> (surface, unit words)
    "captagon": ("captagon", ["pills", "tablets"]),
    "tramadol": ("tramadol", ["tablets", "capsules"]),
    "ecstasy": ("ecstasy", ["tablets", "pills"]),
}
GENERIC_DRUGS = ["narcotic drugs", "drugs", "narcotics", "illicit drugs"]
GOODS = ["bananas", "cement", "coal", "frozen fish", "dried fruit", "flour", "pineapples", "sugar", "scrap metal",
         "onions", "rice", "watermelons", "timber", "fertilizer", "tiles", "potatoes", "cotton", "raisins"]
CONVEYANCES = ["truck", "passenger car", "bus", "pickup truck", "semi-trailer truck", "minivan", "fishing boat",
               "refrigerated container", "shipping container", "train wagon", "motorcycle", "speedboat", "cargo truck"]
PACKAGE_WORDS = ["packages", "packets", "bags", "bricks", "slabs", "sacks", "parcels", "bundles"]
HIDING = ["hidden in a cavity behind the driver's cabin", "concealed in the fuel tank",
          "stashed under the floor of the cargo area", "hidden inside the spare wheel",
          "concealed in the doors and under the rear seat", "packed inside a false wall",
          "hidden among personal belongings", "sewn into the lining of travel bags",
          "concealed in a modified compartment", "hidden in the roof lining"]
FIRST_NAMES = ["Ahmad", "Farrukh", "Nodir", "Aigerim", "Bakhtiyar", "Carlos", "Maria", "Jan", "Sofia", "Omar",
               "Yusuf", "Dilnoza", "Ravshan", "Elena", "Pieter", "Lucia", "Hassan", "Amina", "Timur", "Gulnara",
               "Javier", "Ana", "Samir", "Kemal", "Olga", "Daniel", "Rustam", "Zarina", "Ibrahim", "Chinedu"]
LAST_NAMES = ["Karimov", "Rahimi", "Saidova", "Nazarov", "Toktogulov", "Mendoza", "Silva", "de Vries", "Ortega",
              "Haddad", "Qureshi", "Yusupova", "Akhmedov", "Petrova", "Janssens", "Ramirez", "Okafor", "Aydin",
              "Usmonov", "Bekova", "Castillo", "Farahani", "Khalid", "Mwangi", "Sultanov", "Abenova", "Moretti"]
RANKS = ["Colonel", "Major", "Lieutenant Colonel", "General", "Brigadier", "Commissioner", "Director"]
OPERATION_NAMES = ["Lionfish", "Trigger", "Kanal", "Mercury", "Orion", "Pangea", "Silk Route", "Storm", "Northern Lights",
                   "Safe Corridor", "Blue Ridge", "Falcon", "Steppe", "Harbour Watch"]


# --- small helpers ------------------------------------------------------------------

def _number(value: float, rng: random.Random) -> str:
    """A number as releases write it: "1,250", "1250", "48.2", "1,250.5"."""
    if float(value).is_integer():
        value = int(value)
        if value >= 1000 and rng.random() < 0.85:
            return f"{value:,}"
        return str(value)
    text = f"{value:,.3f}".rstrip("0").rstrip(".") if value >= 1000 else f"{value:.3f}".rstrip("0").rstrip(".")
    return text


def _kg_unit(rng: random.Random, value: float) -> str:
    singular = value == 1
    choice = rng.choice(["kg", "kg", "kg", "kilograms", "kilograms", "kilos", "kilogrammes"])
    if singular and choice != "kg":
        choice = choice.rstrip("s") if choice != "kilogrammes" else "kilogramme"
    return choice


def _ton_unit(rng: random.Random, value: float) -> str:
    choice = rng.choice(["tons", "tonnes", "tonnes", "metric tons"])
    return choice[:-1] if value == 1 else choice


def _fmt_kg(kg: float) -> str:
    return f"{round(kg, 6):.6f}".rstrip("0").rstrip(".")


@dataclass
class Amount:
    """One amount as written, and what it means."""

    text: str
    kg: float | None = None
    count: float | None = None
    units: str = ""
    qualifier: str = "exact"
    high: str = ""  # upper end of a range, as text

    @property
    def key(self) -> float:
        return self.kg if self.kg is not None else self.count


def _mass(rng: random.Random, size: str) -> Amount:
    """A weight of a drug: ``size`` is small (< 5 kg), medium (5-500 kg), large (> 500 kg) or bulk."""
    r = rng.random()
    if size == "small":
        if r < 0.3:
            grams = rng.choice([50, 80, 120, 250, 350, 480, 600, 750, 820, 950])
            unit = rng.choice(["grams", "grams", "g", "grammes"])
            return Amount(f"{grams} {unit}", grams / 1000)
        if r < 0.45:
            whole = rng.choice([2, 3, 4])
            if rng.random() < 0.5:
                return Amount(f"{SMALL_WORDS[whole]} kilograms", float(whole))
            return Amount(f"{SMALL_WORDS[whole]} and a half kilograms", whole + 0.5)
        if r < 0.6:
            kg, grams = rng.randint(1, 4), rng.choice([100, 200, 250, 300, 450, 600, 800])
            joiner = rng.choice([" and ", " "])
            return Amount(f"{kg} {'kilogram' if kg == 1 else 'kilograms'}{joiner}{grams} grams", kg + grams / 1000)
        value = round(rng.uniform(1.1, 4.9), 1)
        if rng.random() < 0.2:
            return Amount(f"{_number(value, rng)}kg", value)  # glued
        return Amount(f"{_number(value, rng)} {_kg_unit(rng, value)}", value)
    if size == "medium":
        if r < 0.12:
            kg, grams = rng.randint(5, 90), rng.choice([110, 200, 250, 350, 400, 640, 750, 900])
            unit = rng.choice(["kg", "kilograms"])
            joiner = rng.choice([" ", " and "])
            return Amount(f"{kg} {unit}{joiner}{grams} grams", kg + grams / 1000)
        if r < 0.22:
            pounds = rng.choice([25, 40, 60, 80, 110, 150, 220, 300, 440])
            return Amount(f"{pounds} {rng.choice(['pounds', 'lbs', 'pounds'])}", pounds * LB)
        if r < 0.3:
            kg = rng.choice([18, 24, 36, 45, 60, 90, 120])
            pounds = round(kg / LB)
            return Amount(f"{kg} kilograms ({pounds} pounds)", float(kg))
        if r < 0.55:
            value = round(rng.uniform(5.2, 99.8), 1)
        else:
            value = float(rng.randint(6, 480))
        if rng.random() < 0.08:
            return Amount(f"{_number(value, rng)}kg", value)
        return Amount(f"{_number(value, rng)} {_kg_unit(rng, value)}", value)
    if size == "large":
        if r < 0.12:
            tons, kg = rng.randint(1, 4), rng.randint(11, 95) * 10
            return Amount(f"{tons} {'ton' if tons == 1 else rng.choice(['tons', 'tonnes'])} {kg} kilograms",
                          tons * 1000.0 + kg)
        if r < 0.2:
            tons = rng.choice([1.2, 1.5, 2.5, 3.1, 4.2])
            pounds = round(tons * 1000 / LB, -1)
            return Amount(f"{_number(tons, rng)} tonnes ({int(pounds):,} pounds)", tons * 1000)
        if r < 0.28:
            pounds = rng.choice([1750, 2200, 3300, 4400, 5500])
            return Amount(f"{pounds:,} {rng.choice(['lbs', 'pounds'])}", pounds * LB)
        if r < 0.34:
            word = rng.choice(["one", "two", "three"])
            value = {"one": 1, "two": 2, "three": 3}[word]
            return Amount(f"{word} and a half tons", (value + 0.5) * 1000)
        if r < 0.55:
            tons = rng.choice([1.1, 1.2, 1.4, 1.6, 1.8, 2.3, 2.7, 3.4, 4.5, 5.2, 6.8, 8.1])
            return Amount(f"{_number(tons, rng)} {_ton_unit(rng, tons)}", tons * 1000)
        if r < 0.62:
            value = rng.randint(510, 2900) + rng.choice([0.5, 0.25, 0.8])
            return Amount(f"{value:,.2f}".rstrip("0").rstrip(".") + " kg", value)
        value = float(rng.randint(52, 990) * 10 + rng.choice([0, 0, 4, 8]))
        return Amount(f"{_number(value, rng)} {_kg_unit(rng, value)}", value)
    # bulk: aggregates
    if r < 0.6:
        tons = rng.choice([1.4, 2.7, 3.5, 4.2, 6.3, 8.9, 12, 18, 27, 36, 51.3, 120, 310])
        return Amount(f"{_number(tons, rng)} {_ton_unit(rng, tons)}", tons * 1000.0)
    value = float(rng.randint(12, 450) * 100)
    return Amount(f"{value:,.0f} {rng.choice(['kilograms', 'kg', 'kilos'])}", value)


def _counted(rng: random.Random, drug: str) -> Amount:
    surface, units = COUNTED[drug]
    unit = rng.choice(units)
    if rng.random() < 0.4:
        millions = rng.choice([1.2, 1.5, 2, 3.4, 4, 6.5, 12])
        text = f"{_number(millions, rng)} million {surface} {unit}"
        return Amount(text, count=millions * 1_000_000, units=unit)
    value = rng.choice([1200, 2400, 5000, 12500, 24000, 36000, 48000, 150000, 300000])
    return Amount(f"{value:,} {surface} {unit}", count=float(value), units=unit)


HEDGES = [("about", "about"), ("some", "about"), ("nearly", "about"), ("approximately", "about"),
          ("around", "about"), ("more than", "over"), ("over", "over"), ("at least", "over"),
          ("in excess of", "over"), ("up to", "under"), ("less than", "under")]


def _hedge(rng: random.Random, amount: Amount, p: float = 0.25, total: bool = False) -> Amount:
    """Maybe put a hedge before ``amount``; a ``total`` is never hedged downwards ("up to")."""
    if rng.random() >= p or amount.text[0].isalpha():
        return amount
    phrase, qualifier = rng.choice([h for h in HEDGES if not (total and h[1] == "under")])
    amount.text = f"{phrase} {amount.text}"
    amount.qualifier = qualifier
    return amount


def _range(rng: random.Random) -> Amount:
    low = rng.choice([20, 30, 40, 150, 200, 300])
    high = low + rng.choice([10, 20, 50])
    unit = rng.choice(["kilograms", "kg"])
    return Amount(f"between {low} and {high} {unit}", float(low), qualifier="over")


@dataclass
class Item:
    """A drug with its amount: one gold row."""

    drug: str  # canonical
    surface: str
    amount: Amount

    def phrase(self, rng: random.Random) -> str:
        if self.amount.count is not None and self.amount.units != "litres":
            return self.amount.text  # "24,000 tramadol tablets" names the drug
        return f"{self.amount.text} of {self.surface}"


@dataclass
class Doc:
    """One generated document and its gold rows."""

    doc_id: str
    text: str = ""
    seizures: list[dict] = field(default_factory=list)
    document: dict = field(default_factory=dict)


class Writer:
    """Builds one document: paragraphs, gold rows, and amounts kept distinct."""

    def __init__(self, rng: random.Random, doc_id: str, published: dt.date) -> None:
        self.rng = rng
        self.doc_id = doc_id
        self.published = published
        self.used: set[float] = set()
        self.rows: list[dict] = []

    def fresh(self, make) -> Amount:
        """An amount (from ``make()``) whose value no other amount of this document has."""
        for _ in range(50):
            amount = make()
            key = round(amount.key, 3)
            if key not in self.used:
                self.used.add(key)
                return amount
        raise RuntimeError("could not draw a distinct amount")

    def item(self, drug: str, size: str, hedge: float = 0.2, total: bool = False) -> Item:
        rng = self.rng
        if drug in COUNTED:
            amount = self.fresh(lambda: _counted(rng, drug))
            return Item(drug, COUNTED[drug][0], amount)
        if drug == "acetic anhydride" and rng.random() < 0.6:
            litres = self.fresh(lambda: Amount("", count=float(rng.choice([800, 1200, 2400, 4800, 9600]))))
            litres.text = f"{int(litres.count):,} litres"
            litres.units = "litres"
            return Item(drug, "acetic anhydride", litres)
        surface = rng.choice(DRUG_SURFACES[drug])
        if size in ("medium", "large") and rng.random() < 0.03:
            return Item(drug, surface, self.fresh(lambda: _range(rng)))
        return Item(drug, surface, self.fresh(lambda: _hedge(rng, _mass(rng, size), hedge, total)))

    def gold(self, item: Item, date: str, country: str, scope: str = "event") -> None:
        amount = item.amount
        self.rows.append({
            "doc_id": self.doc_id, "date": date, "country": country, "drug": item.drug,
            "quantity_kg": "" if amount.kg is None else _fmt_kg(amount.kg),
            "quantity_count": "" if amount.count is None else str(int(amount.count)),
            "quantity_units": amount.units, "qualifier": amount.qualifier, "scope": scope,
        })

    def distractor_amount(self, low: float, high: float, step: float = 1.0) -> float:
        """A number for a non-seizure weight, distinct from every gold amount."""
        for _ in range(50):
            value = round(self.rng.uniform(low, high) / step) * step
            if round(value, 3) not in self.used and value > 0:
                self.used.add(round(value, 3))
                return value
        return high + 0.5


def _items_phrase(rng: random.Random, items: list[Item]) -> str:
    phrases = [item.phrase(rng) for item in items]
    if len(phrases) == 1:
        return phrases[0]
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _ref(short: str) -> str:
    """An agency's short name as a subject: "ANF", "the Navy", "the police", "the Service"."""
    return short if short.isupper() or short.startswith("the ") else f"the {short}"


def _has(short: str) -> str:
    return "have" if short in ("police", "border guards", "border troops", "border police") else "has"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- dates ----------------------------------------------------------------------------

def _day_month(rng: random.Random, day: dt.date, with_year: bool = False) -> str:
    if rng.random() < 0.75:
        text = f"{day.day} {MONTHS[day.month - 1]}"
        return f"{text} {day.year}" if with_year else text
    text = f"{MONTHS[day.month - 1]} {day.day}"
    return f"{text}, {day.year}" if with_year else text


def _event_date(rng: random.Random, published: dt.date, max_days: int = 6) -> tuple[str, str]:
    """(phrase, gold date) for an event a few days before publication."""
    r = rng.random()
    if r < 0.18:
        return "yesterday", (published - dt.timedelta(days=1)).isoformat()
    if r < 0.24:
        return "today", published.isoformat()
    day = published - dt.timedelta(days=rng.randint(2, max_days))
    if r < 0.32 and day.month == published.month and published.day > 8:
        return "earlier this month", f"{published.year}-{published.month:02d}"
    with_year = rng.random() < 0.25 or day.year != published.year
    return f"on {_day_month(rng, day, with_year)}", day.isoformat()


def _month_before(published: dt.date, months: int) -> dt.date:
    year, month = published.year, published.month - months
    while month < 1:
        month += 12
        year -= 1
    return dt.date(year, month, 1)


# --- datelines ------------------------------------------------------------------------

def _headline_rounding(kg: float) -> str | None:
    """A headline's hedged round figure for ``kg`` ("over 2 tonnes", "nearly 2.5 tonnes"), if it has one."""
    if kg < 1000 or kg % 500 == 0:
        return None
    step = 500 if kg < 3000 else 1000
    low, high = math.floor(kg / step) * step, math.ceil(kg / step) * step
    if (high - kg) / step < 0.2:
        word, value = "nearly", high
    else:
        word, value = "over", low
    tons = value / 1000
    if tons == 1:
        return f"{word} a tonne"
    return f"{word} {tons:g} tonnes"


def _dateline(rng: random.Random, country: Country, published: dt.date, wire: str | None
              ) -> tuple[list[str], str, str, str]:
    """(lines before the first paragraph, prefix of the first paragraph, dateline city, dateline country)."""
    city = rng.choice(country.cities)
    date_long = f"{published.day} {MONTHS[published.month - 1]} {published.year}"
    r = rng.random()
    if wire:
        month = MONTHS_AP[published.month - 1]
        return ([date_long], f"{city.upper()}, {month} {published.day} ({wire}) – ", city, country.iso3)
    if r < 0.3:
        return ([], f"{city.upper()}, {date_long} – ", city, country.iso3)
    if r < 0.5:
        return ([f"Published: {published.isoformat()}"], f"{city.upper()}, {country.name.removeprefix('the ')} – ",
                city, country.iso3)
    if r < 0.65:
        return ([date_long], f"{city} ({country.name.removeprefix('the ')}), {date_long} – ", city, country.iso3)
    if r < 0.8:
        us = f"{MONTHS[published.month - 1]} {published.day}, {published.year}"
        return ([us], f"{city.upper()}, {country.name.removeprefix('the ')} — ", city, country.iso3)
    return ([f"Published: {published.isoformat()}"], "", "", "")


# --- paragraphs -----------------------------------------------------------------------

def _filler(rng: random.Random, country: Country, agency: str) -> list[str]:
    """Sentences without numbers: quotes, background, procedure."""
    official = f"{rng.choice(RANKS)} {_person(rng)}"
    neighbour = rng.choice(country.neighbours) if country.neighbours else "neighbouring countries"
    city = rng.choice(country.cities)
    person = _person(rng)
    pool = [
        "The suspects have been handed over to investigators, and a criminal case has been opened.",
        f"\"Traffickers keep changing their methods, but our officers are changing theirs faster,\" said {official}.",
        f"Investigators are now trying to identify the organisers of the shipment and their contacts in {neighbour}.",
        f"The {agency} thanked members of the public whose information made the operation possible.",
        f"Officials said the route through {country.name} remains attractive to organised criminal groups.",
        f"\"Cooperation with our partners in {neighbour} is vital for stopping these flows,\" {official} told reporters.",
        "The seized substances were sent for forensic examination, which will establish their exact composition.",
        "According to investigators, the group used legitimate trading companies as a cover for its activities.",
        "A sniffer dog alerted the officers, who then called in a mobile scanning team.",
        "The driver claimed he did not know what was hidden in the vehicle, but he was detained pending trial.",
        f"The operation was the result of several weeks of surveillance and information exchange with {neighbour}.",
        "Further arrests are expected as the investigation continues, the statement said.",
        f"The {agency} urged citizens to report any suspicious activity through its confidential hotline.",
        "Experts say that smaller, more frequent consignments have become the norm on this route.",
        "The case will be heard by the regional court once the investigation is complete.",
        "Risk profiling by the intelligence unit had flagged the consignment before it reached the border.",
        "All of the seized drugs will be destroyed in the presence of a commission, officials said.",
        f"The {agency} has stepped up checks on cargo and passenger traffic along the border in recent months.",
        f"Police in {city} searched the homes of the detainees and found notebooks with coded entries.",
        f"{person}, a lawyer for one of the suspects, said his client would plead not guilty.",
        f"Local residents told journalists that unfamiliar vehicles had often been seen near {city} at night.",
        "The shipment was tracked from the moment it crossed the border, officials said.",
        f"According to the {agency}, couriers are often recruited among unemployed young men.",
        "Mobile phones, bank cards and forged documents were also confiscated.",
        f"The {agency} said the case showed the value of its new canine units and scanners.",
        "Officers had received a tip-off about the consignment shortly before it arrived.",
        f"\"We will not allow our country to become a transit corridor,\" {official} said at a press conference in {city}.",
        "The vehicle's registration documents turned out to be forged.",
        f"Analysts note that traffickers increasingly use routes through {neighbour} to avoid the main checkpoints.",
        "The suspects refused to cooperate with investigators, the statement added.",
        "The investigation is being carried out jointly with the prosecutor's office.",
        f"The detainees are believed to belong to a group that has operated between {city} and {neighbour} for years.",
        "Specialists used an endoscope to inspect the hidden compartment before it was opened.",
        f"{official} praised the officers for their professionalism and said they would be rewarded.",
        "Several other members of the group are on the wanted list.",
        "The seizure was made possible by the exchange of intelligence with foreign partners.",
    ]
    rng.shuffle(pool)
    return pool


def _distractors(rng: random.Random, w: Writer, country: Country, agency: str, conveyance: str,
                 drug_surface: str) -> list[str]:
    """Sentences with numbers that are not seizures."""
    money = _money(rng, country)
    pool = [
        f"The drugs have an estimated street value of {money}, the statement said.",
        f"{_cap(SMALL_WORDS[rng.randint(2, 6)])} suspects, including a {rng.randint(19, 58)}-year-old resident of "
        f"{rng.choice(country.cities)}, were detained.",
        f"A criminal case has been opened under Article {rng.randint(200, 330)} of the Criminal Code.",
        f"Since {w.published.year - rng.randint(3, 8)}, the unit has carried out {rng.randint(120, 900)} operations "
        f"and arrested {rng.randint(150, 1200):,} suspects.",
        f"The seizure point lies some {rng.randint(5, 60)} km from the border.",
        f"Officials said the number of such cases rose by {rng.randint(5, 40)} percent compared with the previous year.",
        f"Citizens can report drug trafficking anonymously by calling {_phone(rng)}.",
        f"The authorities plan to eradicate illicit crops on some {w.distractor_amount(300, 5000, 100):,.0f} hectares "
        f"this season.",
        f"The {conveyance} had been declared as carrying "
        f"{_number(w.distractor_amount(3, 40), rng)} {_ton_unit(rng, 2)} of {rng.choice(GOODS)}.",
        f"On the street, a gram of {drug_surface} sells for about {_money(rng, country, small=True)}.",
        f"The wholesale price has reached {rng.choice(['USD', '$'])}{rng.choice([' ', ''])}"
        f"{rng.choice([1800, 2500, 3500, 12000, 28000]):,} per kilogram, according to the {agency}.",
        f"The {rng.choice([12, 18, 20, 40])}-ton {rng.choice(['truck', 'trailer'])} was impounded.",
        f"The {drug_surface} was packed in bricks, each weighing about 1 kg.",
        f"The network is believed to have shipped up to {_number(w.distractor_amount(20, 90), rng)} kg of "
        f"{drug_surface} per month.",
        f"The detainees face between {rng.randint(8, 12)} and {rng.randint(15, 20)} years in prison.",
        f"More than {rng.randint(2, 9)},{rng.randint(100, 999)} {rng.choice(['containers', 'vehicles', 'passengers'])} "
        f"pass through the crossing every day.",
    ]
    rng.shuffle(pool)
    return pool


def _money(rng: random.Random, country: Country, small: bool = False) -> str:
    if small:
        value = rng.choice([8, 15, 30, 45, 60, 120, 180])
        return rng.choice([f"USD {value:,}", f"${value:,}", f"{value:,} US dollars"])
    millions = rng.choice([1.2, 2.5, 3.8, 7, 12, 25, 36, 44, 120])
    if country.currency == "Rs":
        return f"Rs {rng.choice([80, 240, 560, 1200]):,} million"
    if country.currency == "EUR":
        return rng.choice([f"{_number(millions, rng)} million euros", f"EUR {_number(millions, rng)} million"])
    if country.currency == "AED":
        return f"AED {_number(millions, rng)} million"
    return rng.choice([f"USD {_number(millions, rng)} million", f"${_number(millions, rng)} million"])


def _phone(rng: random.Random) -> str:
    return rng.choice([
        f"+{rng.randint(7, 998)} {rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        f"the toll-free number {rng.randint(1000, 1999)}",
        f"({rng.randint(200, 999)}) {rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
    ])


# --- document kinds --------------------------------------------------------------------

def _pick_drugs(rng: random.Random, country: Country, n: int) -> list[str]:
    drugs: list[str] = []
    while len(drugs) < n:
        drug = rng.choice(country.drugs)
        if drug not in drugs:
            drugs.append(drug)
        elif len(set(country.drugs)) <= len(drugs):
            break
    return drugs


def _seizure_release(rng: random.Random, doc_id: str, published: dt.date) -> Doc:
    country = rng.choice(COUNTRIES)
    agency, short = rng.choice(country.agencies)
    wire = rng.choice(["Kazinform", "IRNA", "TDH", "AKIpress", "APP", "Xinhua"]) if rng.random() < 0.12 else None
    w = Writer(rng, doc_id, published)
    head_lines, prefix, city, dl_country = _dateline(rng, country, published, wire)

    # the main seizure
    n_drugs = rng.choices([1, 2, 3], weights=[55, 30, 15])[0]
    drugs = _pick_drugs(rng, country, n_drugs)
    size = rng.choices(["small", "medium", "large"], weights=[15, 50, 35])[0]
    items = [w.item(drug, size if i == 0 else rng.choice(["small", "medium"])) for i, drug in enumerate(drugs)]
    when, date = _event_date(rng, published)
    location = rng.choice(country.locations)
    conveyance = rng.choice(CONVEYANCES)
    hidden = rng.choice(HIDING)
    packages = rng.randint(6, 140)
    verb = rng.choice(["seized", "confiscated", "recovered", "found", "discovered", "intercepted"])
    subject = f"officers of the {agency}" if rng.random() < 0.5 else f"the {agency}"
    iso = country.iso3
    first = items[0]
    official = f"{rng.choice(RANKS)} {_person(rng)}"
    phrase = _items_phrase(rng, items)
    lead_forms = [
        f"{_cap(subject)} {verb} {phrase} at {location} {when}, {_ref(short)} said in a statement.",
        f"{_cap(when)}, {subject} stopped a {conveyance} at {location} and {verb} {phrase} {hidden}.",
        f"{_cap(subject)} intercepted a {conveyance} near {location} {when} and {verb} {phrase}.",
        f"{_cap(subject)} {verb} {phrase} {hidden} in a {conveyance} at {location} {when}.",
        f"{_cap(when)}, {SMALL_WORDS[rng.randint(2, 5)]} suspects were detained at {location} after officers "
        f"{verb} {phrase} in their {conveyance}.",
        f"\"We {verb} {phrase} inside the {conveyance},\" {official} said, adding that the operation took place "
        f"{when} at {location}.",
    ]
    if len(items) == 1 and first.amount.count is None:
        lead_forms += [
            f"{_cap(subject)} {verb} {first.surface} ({first.amount.text}) at {location} {when}.",
            f"A total of {phrase} was {verb} in a {conveyance} at {location} {when}, officials said.",
        ]
    lead = rng.choice(lead_forms)
    detail = ""  # a sentence that belongs right after the lead
    body: list[str] = []
    if len(items) == 1 and first.amount.count is None and rng.random() < 0.3:
        pkg = rng.choice(PACKAGE_WORDS)
        lead = (f"{_cap(subject)} stopped a {conveyance} at {location} {when}, {_ref(short)} reported.")
        detail = rng.choice([
            f"During a search of the vehicle, officers found {packages} {pkg} of {first.surface} weighing "
            f"{first.amount.text}, {hidden}.",
            f"{_cap(first.surface)} weighing {first.amount.text} was found in {packages} {pkg} {hidden}.",
        ])
    elif first.amount.count is None and rng.random() < 0.5:
        detail = f"The {first.surface} was packed in {packages} {rng.choice(PACKAGE_WORDS)}."
    if first.amount.qualifier == "exact" and first.amount.kg is not None and rng.random() < 0.2:
        body.append(rng.choice([  # the same seizure told again: still one row
            f"Tests confirmed that the {first.amount.text} of {first.surface} were of high purity.",
            f"The {first.amount.text} of {first.surface} will be destroyed after the trial.",
        ]))
    for item in items:
        w.gold(item, date, iso)

    # headline: no amount, the same amount, or a rounded, hedged one
    place_word = re.sub(r"^the |^port of | (?:border|checkpoint|International|Airport|Islamic|river|Port).*$", "",
                        location.removeprefix("the "))
    verb_head = rng.choice(["seize", "seizes", "intercept", "find", "confiscate"])
    actor = _cap(_ref(short).removeprefix("the "))
    r = rng.random()
    if r < 0.4:
        title = f"{actor} {verb_head} {first.surface} at {place_word}"
    elif r < 0.75:
        title = f"{actor} {verb_head} {first.phrase(rng)} at {place_word}"
    else:
        kg = first.amount.kg
        rounded = _headline_rounding(kg) if kg is not None and first.amount.qualifier == "exact" else None
        if rounded:
            title = f"{actor} {verb_head} {rounded} of {first.surface} at {place_word}"
        else:
            title = f"{actor} {verb_head} {first.surface} in {conveyance} at {place_word}"
    title = _cap(title)

    # a second, separate seizure
    if rng.random() < 0.45:
        drug2 = rng.choice(country.drugs)
        item2 = w.item(drug2, rng.choice(["small", "medium"]), hedge=0.3)
        when2, date2 = _event_date(rng, published, max_days=12)
        place2 = rng.choice([p for p in country.locations if p != location] or [location])
        second = rng.choice([
            f"In a separate operation {when2}, {_ref(short)} "
            f"{rng.choice(['seized', 'recovered'])} {item2.phrase(rng)} from a {rng.choice(CONVEYANCES)} at {place2}.",
            f"{_cap(when2)}, a patrol near {place2} detained a man who was carrying {item2.phrase(rng)}.",
        ])
        body.append(second)
        w.gold(item2, date2, iso)

    # an aggregate
    aggregate = None
    r = rng.random()
    if r < 0.35:
        total = w.fresh(lambda: _hedge(rng, _mass(rng, "bulk"), 0.6, total=True))
        generic = rng.choice(GENERIC_DRUGS)
        opener = rng.choice(["Since the beginning of the year", "Since January", "So far this year"])
        aggregate = f"{opener}, {_ref(short)} {_has(short)} seized {total.text} of {generic}."
        w.gold(Item("drugs", generic, total), str(published.year), iso, "aggregate")
    elif r < 0.55:
        drug3 = rng.choice([d for d in country.drugs if d not in COUNTED] or ["heroin"])
        last = w.fresh(lambda: _hedge(rng, _mass(rng, "bulk"), 0.3, total=True))
        before = w.fresh(lambda: _mass(rng, "bulk"))
        surface = rng.choice(DRUG_SURFACES[drug3])
        aggregate = (f"In {published.year - 1}, the {agency} seized {last.text} of {surface}, compared with "
                     f"{before.text} in {published.year - 2}.")
        w.gold(Item(drug3, surface, last), str(published.year - 1), iso, "aggregate")
        w.gold(Item(drug3, surface, before), str(published.year - 2), iso, "aggregate")
    if aggregate:
        body.append(aggregate)

    # assemble: lead paragraph, body, distractors and filler to about 400 words
    paragraphs = [prefix + lead + (" " + detail if detail else "")]
    distractors = _distractors(rng, w, country, agency, conveyance, first.surface)
    filler = _filler(rng, country, agency)
    extra = body + distractors[: rng.randint(3, 6)]
    rng.shuffle(extra)
    target = rng.randint(340, 460)
    paragraphs += _paragraphs(rng, extra, filler, target - _words(paragraphs))
    if rng.random() < 0.3:
        paragraphs.append(f"Press Office\n{agency}")
    text = "\n\n".join([title + ("\n" + "\n".join(head_lines) if head_lines else "")] + [p.strip() for p in paragraphs])
    publisher = wire or (agency if agency[0].isupper() else "")
    document = {"doc_id": doc_id, "published": published.isoformat(), "publisher": publisher, "title": title,
                "dateline_city": city, "dateline_country": dl_country}
    return Doc(doc_id, text + "\n", w.rows, document)


def _results_report(rng: random.Random, doc_id: str, published: dt.date) -> Doc:
    country = rng.choice(COUNTRIES)
    agency, short = rng.choice(country.agencies)
    w = Writer(rng, doc_id, published)
    year = published.year - 1 if published.month <= 3 else published.year
    head_lines, prefix, city, dl_country = _dateline(rng, country, published, None)
    drugs = [d for d in _pick_drugs(rng, country, 3) if d not in COUNTED and d != "acetic anhydride"]
    parts = [w.item(drug, "large", hedge=0.0) for drug in drugs]
    parts_kg = sum(p.amount.kg for p in parts)
    total_tons = math.ceil(parts_kg / 100 + rng.randint(1, 30)) / 10
    total = w.fresh(lambda: Amount(f"{_number(total_tons, rng)} {_ton_unit(rng, total_tons)}", total_tons * 1000))
    period = f"In {year}" if year != published.year else rng.choice([f"Since January {year}", "Since the start of the year"])
    title = _cap(f"{country.name.removeprefix('the ')}: {agency} reports drug seizure results for {year}")
    lead = (f"{period}, law enforcement agencies of {country.name} seized a total of {total.text} of "
            f"{rng.choice(GENERIC_DRUGS)}, the {agency} said at a briefing.")
    breakdown = (f"The figure includes {_items_phrase(rng, parts)}, according to {_ref(short)}." if rng.random() < 0.5
                 else f"Among the drugs seized were {_items_phrase(rng, parts)}.")
    scope_date = str(year)
    w.gold(Item("drugs", "drugs", total), scope_date, country.iso3, "aggregate")
    for part in parts:
        w.gold(part, scope_date, country.iso3, "aggregate")
    counted = [d for d in country.drugs if d in COUNTED]
    sentences = [breakdown]
    if counted:
        pills = w.item(counted[0], "large")
        sentences.append(f"Officers also seized {pills.amount.text} during the year.")
        w.gold(pills, scope_date, country.iso3, "aggregate")
    # the largest single seizure of the year, dated to its month
    month = rng.randint(1, 12) if year != published.year else rng.randint(1, max(1, published.month - 1))
    big_drug = rng.choice(drugs or ["heroin"])
    big = w.item(big_drug, "medium", hedge=0.0)
    place = rng.choice(country.locations)
    # (a report on the current year is published from April on, so the month is always past)
    month_text = f"in {MONTHS[month - 1]} {year}" if year != published.year else f"in {MONTHS[month - 1]}"
    sentences.append(f"The largest single seizure took place {month_text} at {place}, where officers found "
                     f"{big.phrase(rng)} in a {rng.choice(CONVEYANCES)}.")
    w.gold(big, f"{year}-{month:02d}", country.iso3)
    sentences += [
        f"A total of {rng.randint(900, 4000):,} drug-related crimes were recorded and {rng.randint(800, 3000):,} "
        f"people were brought to criminal responsibility.",
        f"The overall volume of seizures changed by {rng.randint(3, 30)} per cent compared with {year - 1}.",
        f"Illegal crops were destroyed on some {w.distractor_amount(50, 900, 5):,.0f} hectares.",
        f"The budget for the next phase of the programme is {_money(rng, country)}.",
    ]
    filler = _filler(rng, country, agency)
    first, rest = sentences[0], sentences[1:]
    rng.shuffle(rest)
    paragraphs = [prefix + lead + " " + first]
    paragraphs += _paragraphs(rng, rest, filler, rng.randint(330, 440) - _words(paragraphs))
    text = "\n\n".join([title + ("\n" + "\n".join(head_lines) if head_lines else "")] + paragraphs)
    document = {"doc_id": doc_id, "published": published.isoformat(), "publisher": agency if agency[0].isupper() else "",
                "title": title, "dateline_city": city, "dateline_country": dl_country}
    return Doc(doc_id, text + "\n", w.rows, document)


ORG_PLACES = {"INTERPOL": ("Lyon", "France", "FRA"), "UNODC": ("Vienna", "Austria", "AUT"),
              "OSCE": ("Vienna", "Austria", "AUT"), "Europol": ("The Hague", "the Netherlands", "NLD"),
              "CARICC": ("Almaty", "Kazakhstan", "KAZ"), "WCO": ("Brussels", "Belgium", "BEL")}


def _cooperation_news(rng: random.Random, doc_id: str, published: dt.date) -> Doc:
    org = rng.choice(list(ORG_PLACES))
    host = rng.choice(COUNTRIES)
    w = Writer(rng, doc_id, published)
    visitor = _person(rng)
    role = rng.choice(["Executive Director", "Secretary General", "Regional Representative", "Head of Programme",
                       "Director of Operations"])
    day = published - dt.timedelta(days=rng.randint(1, 5))
    city = rng.choice(host.cities)
    host_name = host.name
    kind = rng.random()
    if kind < 0.5:
        title = f"{org} {role} visits {host_name.removeprefix('the ')} to discuss counter-narcotics cooperation"
        lead = (f"{visitor}, {role} of {org}, paid an official visit to {host_name} on {_day_month(rng, day)}, "
                f"meeting the Minister of Internal Affairs and the heads of the national drug control agencies in "
                f"{city}.")
    else:
        title = f"{org} brings together {rng.randint(20, 60)} experts for regional workshop in {city}"
        days = rng.randint(2, 4)
        start = published - dt.timedelta(days=rng.randint(days + 1, 9))
        end = start + dt.timedelta(days=days - 1)
        span = (f"from {start.day} to {end.day} {MONTHS[end.month - 1]} {end.year}" if start.month == end.month
                else f"from {_day_month(rng, start)} to {_day_month(rng, end, True)}")
        topic = rng.choice(["container control", "border management", "financial investigations",
                            "precursor control", "drug intelligence analysis"])
        lead = (f"A {SMALL_WORDS[days]}-day regional workshop on {topic} "
                f"took place in {city}, {host_name}, {span}, bringing together {rng.randint(20, 60)} officers from "
                f"{SMALL_WORDS[rng.randint(4, 9)]} countries.")
    title = _cap(title)
    hq_city, hq_country, hq_iso = ORG_PLACES[org]
    r = rng.random()
    date_long = f"{published.day} {MONTHS[published.month - 1]} {published.year}"
    if r < 0.4:
        head_lines, prefix, dl_city, dl_country = [date_long], f"{hq_city} ({hq_country}), {date_long} – ", hq_city, hq_iso
    elif r < 0.7:
        head_lines, prefix, dl_city, dl_country = ([f"Published: {published.isoformat()}"],
                                                   f"{city.upper()}, {host_name.removeprefix('the ')} – ", city, host.iso3)
    else:
        head_lines, prefix, dl_city, dl_country = [date_long, "All news", "Print"], "", "", ""

    sentences = [
        f"{org} has supported {host.adjective} law enforcement agencies since {published.year - rng.randint(3, 15)}.",
        f"Under the programme, more than {rng.randint(3, 19) * 100:,} officers have been trained and "
        f"{SMALL_WORDS[rng.randint(2, 9)]} border liaison offices equipped.",
        f"The project, funded with {_money(rng, COUNTRY_BY_ISO['NLD'])}, runs until {published.year + rng.randint(1, 3)}.",
        f"{org} connects law enforcement in its {rng.choice([57, 130, 185, 196])} member "
        f"{rng.choice(['countries', 'states'])}, and around {rng.randint(10, 95)} percent of requests are answered "
        f"within {rng.randint(2, 14)} days.",
        f"The meeting also reviewed the {rng.randint(2, 9)}th annual report and the priorities for "
        f"{published.year + 1}.",
        f"The participants visited {rng.choice(host.locations)}, where a mobile team demonstrated a "
        f"{rng.choice([20, 40])}-foot container inspection.",
        f"Last year, {rng.randint(180, 1800):,} notices and diffusions concerning drug traffickers were published.",
    ]
    if rng.random() < 0.5:
        op_drug = rng.choice(["cocaine", "heroin", "methamphetamine", "hashish", "drugs"])
        month = _month_before(published, rng.randint(1, 4))
        amount = w.fresh(lambda: _hedge(rng, _mass(rng, "bulk"), 0.5, total=True))
        surface = rng.choice(DRUG_SURFACES.get(op_drug, GENERIC_DRUGS))
        n_countries = rng.randint(5, 40)
        sentences.append(
            f"Operation {rng.choice(OPERATION_NAMES)}, coordinated by {org} in {n_countries} countries in "
            f"{MONTHS[month.month - 1]} {month.year}, resulted in the seizure of {amount.text} of {surface} and "
            f"the arrest of {rng.randint(40, 900)} suspects.")
        w.gold(Item(op_drug, surface, amount), f"{month.year}-{month.month:02d}", "")
    if rng.random() < 0.35:
        drug = rng.choice([d for d in host.drugs if d not in COUNTED and d != "acetic anhydride"] or ["heroin"])
        item = w.item(drug, "large", hedge=0.4, total=True)
        sentences.append(f"In {host_name.removeprefix('the ')} alone, units trained under the programme seized "
                         f"{item.phrase(rng)} in {published.year - 1}.")
        w.gold(item, str(published.year - 1), host.iso3, "aggregate")
    if rng.random() < 0.3:
        sentences.append(f"According to {org} estimates, opium production in Afghanistan reached "
                         f"{_number(w.distractor_amount(200, 9000, 100), rng)} tons in "
                         f"{published.year - rng.randint(1, 6)}, with cultivation on about "
                         f"{w.distractor_amount(10, 300, 1) * 1000:,.0f} hectares.")
    quotes = [
        f"\"No country can stop trafficking on its own,\" {visitor} said.",
        f"\"Information that moves faster than the traffickers is our best tool,\" said {_person(rng)}, a "
        f"senior {host.adjective} official.",
        "The two sides agreed to strengthen the exchange of information and to hold joint training courses.",
        "The participants discussed new trafficking routes and the misuse of postal and courier services.",
        "Officials also discussed the growing role of synthetic drugs and the diversion of precursor chemicals.",
        "The visit ended with a field trip to a border crossing point, where officers presented their equipment.",
        "Representatives of customs, police and border services shared examples of successful joint investigations.",
        "A follow-up meeting is planned for next year, the organisers said.",
        f"{org} also presented its new analytical products on drug markets.",
        f"The ministers thanked {org} for its long-standing support and expressed interest in new projects.",
    ]
    rng.shuffle(sentences)
    rng.shuffle(quotes)
    paragraphs = [prefix + lead]
    paragraphs += _paragraphs(rng, sentences, quotes, rng.randint(330, 450) - _words(paragraphs))
    if rng.random() < 0.4:
        paragraphs.append(f"For further information, please contact:\n{_person(rng)}\nPublic Information Officer, "
                          f"{org}\nEmail: press@{org.lower()}.example")
    text = "\n\n".join([title + ("\n" + "\n".join(head_lines) if head_lines else "")] + paragraphs)
    document = {"doc_id": doc_id, "published": published.isoformat(), "publisher": org, "title": title,
                "dateline_city": dl_city, "dateline_country": dl_country}
    return Doc(doc_id, text + "\n", w.rows, document)


def _words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def _paragraphs(rng: random.Random, must: list[str], filler: list[str], words: int) -> list[str]:
    """Every sentence of ``must`` and as many of ``filler`` as fit ``words``, in paragraphs of 2-4."""
    sentences = list(must)
    budget = words - sum(len(s.split()) for s in sentences)
    for sentence in filler:
        if budget <= 0:
            break
        sentences.insert(rng.randint(0, len(sentences)), sentence)
        budget -= len(sentence.split())
    paragraphs, current = [], []
    for sentence in sentences:
        current.append(sentence)
        if len(current) >= rng.randint(2, 4):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


# --- the corpus -----------------------------------------------------------------------

KINDS = [("s", _seizure_release, 55), ("r", _results_report, 15), ("c", _cooperation_news, 30)]


def generate_document(index: int, seed: int = 7) -> Doc:
    """Document number ``index`` of the corpus for ``seed`` (independent of the others)."""
    rng = random.Random(f"{seed}:{index}")
    prefix, make, _ = rng.choices(KINDS, weights=[k[2] for k in KINDS])[0]
    published = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 3650))
    return make(rng, f"{prefix}{index:06d}", published)


def generate(n: int, seed: int = 7) -> Iterator[Doc]:
    """The first ``n`` documents of the corpus for ``seed``."""
    for index in range(n):
        yield generate_document(index, seed)


def write_corpus(out: str | Path, n: int, seed: int = 7) -> Path:
    """Write ``out/docs/*.txt`` and ``out/gold/{seizures,documents}.csv``; returns ``out``."""
    out = Path(out)
    docs, gold = out / "docs", out / "gold"
    docs.mkdir(parents=True, exist_ok=True)
    gold.mkdir(parents=True, exist_ok=True)
    for old in docs.glob("*.txt"):
        old.unlink()
    with open(gold / "seizures.csv", "w", newline="", encoding="utf-8") as s_file, \
            open(gold / "documents.csv", "w", newline="", encoding="utf-8") as d_file:
        seizures = csv.DictWriter(s_file, SEIZURE_COLUMNS, lineterminator="\n")
        documents = csv.DictWriter(d_file, DOCUMENT_COLUMNS, lineterminator="\n")
        seizures.writeheader()
        documents.writeheader()
        for doc in generate(n, seed):
            (docs / f"{doc.doc_id}.txt").write_text(doc.text, encoding="utf-8")
            seizures.writerows(doc.seizures)
            documents.writerow(doc.document)
    (out / "VERSION").write_text(f"generator {GENERATOR_VERSION} seed {seed} n {n}\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line: see ``--help``."""
    parser = argparse.ArgumentParser(
        prog="make_corpus.py",
        description="Generate a synthetic corpus of drug-seizure and cooperation press releases with gold "
                    "tables (OUT/docs/*.txt, OUT/gold/seizures.csv, OUT/gold/documents.csv).",
        epilog="example: .venv/bin/python benchmarks/make_corpus.py out/bench/corpus-1000 -n 1000\n"
               "then:    .venv/bin/python -m analysis evaluate --gold out/bench/corpus-1000/gold "
               "--corpus out/bench/corpus-1000/docs --fields",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("out", metavar="OUT", help="output folder (docs/ and gold/ are created in it)")
    parser.add_argument("-n", "--documents", type=int, default=1000, metavar="N", help="documents (default: 1000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default: 7); same seed, same corpus")
    args = parser.parse_args(argv)
    if args.documents < 1:
        parser.error("--documents must be at least 1")
    out = write_corpus(args.out, args.documents, args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in (out / "docs").glob("*.txt"))
    print(f"{args.documents:,} documents ({words / args.documents:.0f} words on average) in {out / 'docs'}; "
          f"gold in {out / 'gold'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
