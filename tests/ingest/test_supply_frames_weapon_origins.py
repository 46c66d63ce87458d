"""Foreign parts in weapons: where the parts come from is the supplier, whoever fields the weapon the
recipient. Each country of a coordinated list of origins is a supplier; "Western" names the Western
countries; a weapon's user ("fired by Russia") outranks the state that made it; a share of the parts found
("most of them", "600 of the 900") may say where it came from; who found the parts is never a party."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.ingest.supply_rows import Row, supply_rows

FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "goods a trading verb holds are its goods, not the end-use participle's": (
        "Analysts say the Armenian route may have supplied a large share of the microchips used in Russian tanks.",
        {("Armenia", "integrated circuits", "Russia", (), "hedged",
          "Armenian route may have supplied a large share of the microchips")},
    ),
    "a weapon's owner named by a two-word demonym holds the parts a later share names": (
        "Engineers took apart 12 North Korean missiles. Of the 290 components recovered, 200 came from US firms.",
        {("United States", "components", "North Korea", (), "asserted", "components recovered, 200 came from US")},
    ),
    "each country a list of origins names is a supplier": (
        "Capacitors made in Austria, Finland and Canada were found in Russian glide bombs.",
        {("Austria", "capacitors", "Russia", (), "asserted",
          "Capacitors made in Austria, Finland and Canada were found in Russian"),
         ("Finland", "capacitors", "Russia", (), "asserted",
          "Capacitors made in Austria, Finland and Canada were found in Russian"),
         ("Canada", "capacitors", "Russia", (), "asserted",
          "Capacitors made in Austria, Finland and Canada were found in Russian")},
    ),
    "makers based in coordinated countries": (
        "Capacitors produced by firms in Belgium and Sweden turned up inside the Russian cruise missiles.",
        {("Belgium", "capacitors", "Russia", (), "asserted",
          "Capacitors produced by firms in Belgium and Sweden turned up inside the Russian"),
         ("Sweden", "capacitors", "Russia", (), "asserted",
          "Capacitors produced by firms in Belgium and Sweden turned up inside the Russian")},
    ),
    "a finder that is a state's agency is no supplier": (
        "Ukraine's military intelligence found Japanese-made chips in Russian drones.",
        {("Japan", "integrated circuits", "Russia", (), "asserted", "found Japanese-made chips in Russian")},
    ),
    "a finder with nothing said of the parts' origin makes no flow": (
        "Ukraine found transistors in Russian drones.",
        set(),
    ),
    "the user of a weapon another state made holds the parts": (
        "Ukrainian technicians found Dutch chips in a North Korean missile fired by Russia.",
        {("Netherlands", "integrated circuits", "Russia", (), "asserted",
          "found Dutch chips in a North Korean missile fired by Russia")},
    ),
    "a weapon that contains parts, flown by a state that did not make it": (
        "The Iranian drones flown by Russia contain Belgian components.",
        {("Belgium", "components", "Russia", (), "asserted", "Russia contain Belgian components")},
    ),
    "Western as the origin of parts relied on": (
        "Moscow's missiles rely on Western transistors.",
        {("Western countries", "transistors", "Russia", (), "asserted",
          "Moscow's missiles rely on Western transistors")},
    ),
    "what relied-on parts are for is not goods": (
        "Russia relies on Western capacitors for its glide bombs.",
        {("Western countries", "capacitors", "Russia", (), "asserted", "Russia relies on Western capacitors")},
    ),
    "relied-on parts from a country": (
        "Russia's drone programme depends heavily on components from Taiwan.",
        {("Taiwan", "components", "Russia", (), "asserted",
          "Russia's drone programme depends heavily on components from Taiwan")},
    ),
    "relying on goods of no stated origin makes no flow": (
        "The Russian navy relied heavily on drones.",
        set(),
    ),
    "a share of the parts found came from a country's firms": (
        "Engineers took apart 40 Russian drones. Of the 900 components recovered, 600 came from Canadian firms.",
        {("Canada", "components", "Russia", (), "asserted", "components recovered, 600 came from Canadian")},
    ),
    "the next sentence says where most of the parts found came from": (
        "Engineers discovered dozens of foreign parts in Russian glide bombs. Most of them came from Austrian "
        "companies.",
        {("Austria", "parts", "Russia", (), "asserted", "Most of them came from Austrian")},
    ),
    "the next sentence gives the origin of the parts found": (
        "Engineers discovered dozens of foreign parts in Russian glide bombs. Most of the parts were of Finnish "
        "origin.",
        {("Finland", "parts", "Russia", (), "asserted", "parts were of Finnish")},
    ),
    "an origin copula on parts inside a weapon": (
        "Most of the transistors inside the Russian glide bombs were of Canadian origin.",
        {("Canada", "transistors", "Russia", (), "asserted",
          "transistors inside the Russian glide bombs were of Canadian")},
    ),
    "an origin copula with no weapon named makes no flow": (
        "The capacitors were of Belgian origin.",
        set(),
    ),
    "an 'of' phrase with no origin noun after parts found makes no flow": (
        "Engineers discovered dozens of foreign parts in Russian glide bombs. The report was of little use.",
        set(),
    ),
    "a fraction of the parts found made by a country's firms": (
        "Roughly two-thirds of the capacitors found in Russian drones were made by Swedish firms.",
        {("Sweden", "capacitors", "Russia", (), "asserted",
          "capacitors found in Russian drones were made by Swedish")},
    ),
    "a weapon packed with parts of an origin": (
        "Russian glide bombs are packed with Western capacitors.",
        {("Western countries", "capacitors", "Russia", (), "asserted",
          "Russian glide bombs are packed with Western capacitors")},
    ),
    "a weapon packed with goods of no stated origin makes no flow": (
        "Russian glide bombs are packed with explosives.",
        set(),
    ),
    "parts that keep being found, the complement's subject": (
        "Western capacitors continue to be found in Russian glide bombs.",
        {("Western countries", "capacitors", "Russia", (), "asserted",
          "Western capacitors continue to be found in Russian")},
    ),
    "a hyphened origin read as an adverb": (
        "Western-made transistors keep turning up in Russian drones.",
        {("Western countries", "transistors", "Russia", (), "asserted",
          "Western-made transistors keep turning up in Russian")},
    ),
    "weapons that use parts made in a country": (
        "Russian glide bombs use capacitors made in Finland.",
        {("Finland", "capacitors", "Russia", (), "asserted", "Russian glide bombs use capacitors made in Finland")},
    ),
    "a weapon a relative clause says a state fired": (
        "The missiles that Russia fired at Lviv contained Austrian transistors.",
        {("Austria", "transistors", "Russia", (), "asserted", "Russia fired at Lviv contained Austrian transistors")},
    ),
    "the maker of the weapon goods were found in is no supplier": (
        "Transistors were identified in Russian-made drones.",
        set(),
    ),
    "the maker of the weapon holds goods of another origin": (
        "Belgian transistors were identified in Russian-made drones.",
        {("Belgium", "transistors", "Russia", (), "asserted", "Belgian transistors were identified in Russian")},
    ),
    "a country on an origin noun is no indirect object": (
        "Engineers found Finland-origin capacitors inside Russian glide bombs.",
        {("Finland", "capacitors", "Russia", (), "asserted", "found Finland-origin capacitors inside Russian")},
    ),
    "the user of a weapon in the wreckage of which parts were found": (
        "Technicians found capacitors made in Austria and Canada in the wreckage of an Iranian drone flown by "
        "Russia.",
        {("Austria", "capacitors", "Russia", (), "asserted",
          "found capacitors made in Austria and Canada in the wreckage of an Iranian drone flown by Russia"),
         ("Canada", "capacitors", "Russia", (), "asserted",
          "found capacitors made in Austria and Canada in the wreckage of an Iranian drone flown by Russia")},
    ),
    "parts recovered from a weapon: the weapon is no source": (
        "Sappers recovered Austrian transistors from downed Russian drones.",
        {("Austria", "transistors", "Russia", (), "asserted", "recovered Austrian transistors from downed Russian")},
    ),
    "parts removed from a weapon, made by firms of two countries": (
        "Capacitors removed from Russian glide bombs were produced by Finnish and Belgian firms.",
        {("Finland", "capacitors", "Russia", (), "asserted",
          "Capacitors removed from Russian glide bombs were produced by Finnish"),
         ("Belgium", "capacitors", "Russia", (), "asserted",
          "Capacitors removed from Russian glide bombs were produced by Finnish and Belgian")},
    ),
    "a weapon described as containing parts": (
        "Air defences downed Russian drones containing Austrian transistors.",
        {("Austria", "transistors", "Russia", (), "asserted", "Russian drones containing Austrian transistors")},
    ),
    "goods described as found in a weapon": (
        "Kyiv released a catalogue of Japanese chips found in Russian glide bombs.",
        {("Japan", "integrated circuits", "Russia", (), "asserted", "Japanese chips found in Russian")},
    ),
    "a definite weapon with no owner is the article's recipient's": (
        "Iran sold drones to Russia. Engineers found Austrian transistors in the drones.",
        {("Iran", "drones", "Russia", (), "asserted", "Iran sold drones to Russia"),
         ("Austria", "transistors", "Russia", (), "asserted", "found Austrian transistors in the drones")},
    ),
    "a weapon with no owner in an article with no flow yet makes no flow": (
        "The drones contained Austrian transistors.",
        set(),
    ),
    "a state fitting out its own weapons is their recipient, not a supplier": (
        "Russia equips its glide bombs with Finnish capacitors.",
        {("Finland", "capacitors", "Russia", (), "asserted", "Russia equips its glide bombs with Finnish capacitors")},
    ),
    "a fielded weapon fitted out with parts": (
        "The Lancet drones are fitted with Austrian transistors.",
        {("Austria", "transistors", "Russia", (), "asserted", "Lancet drones are fitted with Austrian transistors")},
    ),
    "equipping a party, not a weapon, is a supply": (
        "Belarus equipped Russia with glide bombs.",
        {("Belarus", "glide bombs", "Russia", (), "asserted", "Belarus equipped Russia with glide bombs")},
    ),
    "parts installed, the lemmatizer's 'instal'": (
        "Austrian transistors have been installed in Russian glide bombs.",
        {("Austria", "transistors", "Russia", (), "asserted",
          "Austrian transistors have been installed in Russian")},
    ),
    "a state installing parts in its own weapons": (
        "Russia installs Finnish capacitors in its drones.",
        {("Finland", "capacitors", "Russia", (), "asserted", "Russia installs Finnish capacitors")},
    ),
    "a relative clause on the weapon says what it contains": (
        "Russia's glide bombs, which contain Finnish capacitors, are cheap to build.",
        {("Finland", "capacitors", "Russia", (), "asserted", "Russia's glide bombs, which contain Finnish capacitors")},
    ),
    "companies named as examples of the makers are the suppliers": (
        "The Russian glide bombs contained capacitors from European companies such as Infineon and NXP.",
        {("Infineon", "capacitors", "Russia", (), "asserted",
          "Russian glide bombs contained capacitors from European companies such as Infineon"),
         ("NXP", "capacitors", "Russia", (), "asserted",
          "Russian glide bombs contained capacitors from European companies such as Infineon and NXP")},
    ),
    "a share of the parts found, by a relative pronoun, made by makers of two regions": (
        "Engineers identified 300 foreign parts in the Russian glide bomb, the majority of which were produced by "
        "Japanese and European manufacturers.",
        {("Japan", "parts", "Russia", (), "asserted",
          "identified 300 foreign parts in the Russian glide bomb, the majority of which were produced by Japanese"),
         ("Europe", "parts", "Russia", (), "asserted",
          "identified 300 foreign parts in the Russian glide bomb, the majority of which were produced by Japanese "
          "and European")},
    ),
    "parts designed or made in a country": (
        "Many of the transistors removed from Russian drones were designed or made in Canada.",
        {("Canada", "transistors", "Russia", (), "asserted",
          "transistors removed from Russian drones were designed or made in Canada")},
    ),
    "a company owning the parts found made them": (
        "NXP's transistors have been found in Russian glide bombs.",
        {("NXP", "transistors", "Russia", (), "asserted", "NXP's transistors have been found in Russian")},
    ),
    "a possessed weapon guided by parts of an origin": (
        "Russia's glide bombs are guided by Swiss navigation modules.",
        {("Switzerland", "navigation technology", "Russia", (), "asserted",
          "Russia's glide bombs are guided by Swiss navigation modules")},
    ),
    "a weapon described as powered by parts of an origin": (
        "Russian drones powered by Austrian engines struck Odesa.",
        {("Austria", "engines", "Russia", (), "asserted", "Russian drones powered by Austrian engines")},
    ),
    "powered by goods, no weapon, makes no flow": (
        "The plant is powered by Russian coal.",
        set(),
    ),
    "a dateline is no party": (
        "ODESA — Russian glide bombs that hit the port were built with capacitors made in Finland.",
        {("Finland", "capacitors", "Russia", (), "asserted",
          "Russian glide bombs that hit the port were built with capacitors made in Finland")},
    ),
    "parts found in fielded weapons examined, then a share of them made by a country's firms": (
        "Engineers took apart the wreckage of 12 Lancet drones seized by Ukrainian troops and identified 400 "
        "transistors. Of those, 300 were made by Austrian companies.",
        {("Austria", "transistors", "Russia", (), "asserted", "300 were made by Austrian")},
    ),
    "the origin of more parts, right after a flow of parts found": (
        "Engineers found Austrian transistors in Russian glide bombs. The capacitors were of Belgian origin.",
        {("Austria", "transistors", "Russia", (), "asserted", "found Austrian transistors in Russian"),
         ("Belgium", "capacitors", "Russia", (), "asserted", "capacitors were of Belgian")},
    ),
    "an origin stated in one clause is no recipient of the other": (
        "Engineers found 300 transistors in Russian glide bombs. Most of the transistors came from Austrian "
        "makers, while the capacitors were of Belgian origin.",
        {("Austria", "transistors", "Russia", (), "asserted", "transistors came from Austrian"),
         ("Belgium", "capacitors", "Russia", (), "asserted", "capacitors were of Belgian")},
    ),
    "a weapon said to contain no parts of an origin": (
        "Finnish officials said the Russian glide bombs contained no Finnish capacitors.",
        {("Finland", "capacitors", "Russia", (), "negated", "Russian glide bombs contained no Finnish capacitors")},
    ),
    "an origin left unclear is hedged": (
        "It is unclear whether the transistors found in Russian drones were made in Austria.",
        {("Austria", "transistors", "Russia", (), "hedged",
          "transistors found in Russian drones were made in Austria")},
    ),
    "parts found in a weapon named by a pronoun, then the makers of most of them and of the rest": (
        "Iran sold drones to Russia. Engineers in Kyiv who examined a downed glide bomb found that it contained 90 "
        "foreign parts. Most of those parts were made by companies in Austria, while others came from Finland and "
        "Belgium.",
        {("Iran", "drones", "Russia", (), "asserted", "Iran sold drones to Russia"),
         ("Austria", "parts", "Russia", (), "asserted", "Most of those parts were made by companies in Austria"),
         ("Finland", "parts", "Russia", (), "asserted", "others came from Finland"),
         ("Belgium", "parts", "Russia", (), "asserted", "others came from Finland and Belgium")},
    ),
    "where a share came from, with no holder named, is no trade with the country named most": (
        "Ukraine said Ukraine had found 90 parts in a field in Ukraine. Others came from Finland.",
        set(),
    ),
    "the maker of a weapon that relies on parts is not their recipient": (
        "Iranian-designed drones rely on transistors from Austrian suppliers.",
        set(),
    ),
    "a country owning goods a share of which came from another": (
        "Most of Belarus's imported transistors now come from Austria.",
        {("Austria", "transistors", "Belarus", (), "asserted", "Belarus's imported transistors now come from Austria")},
    ),
    "coordinated origins on one good are each a supplier": (
        "Austrian and Finnish capacitors have been discovered in dozens of Russian glide bombs.",
        {("Austria", "capacitors", "Russia", (), "asserted",
          "Austrian and Finnish capacitors have been discovered in dozens of Russian"),
         ("Finland", "capacitors", "Russia", (), "asserted",
          "Finnish capacitors have been discovered in dozens of Russian")},
    ),
    "the state that fired a weapon, named the sentence before, holds parts a share of which came from elsewhere": (
        "Russia fired Iranian drones at Odesa. Engineers said most of the transistors came from Austria.",
        {("Austria", "transistors", "Russia", (), "asserted", "transistors came from Austria")},
    ),
    "a definite weapon fired by a state named the sentence before": (
        "Russia fired glide bombs at Kharkiv. Engineers said the bombs contained Finnish capacitors.",
        {("Finland", "capacitors", "Russia", (), "asserted", "contained Finnish capacitors")},
    ),
    "a city naming the makers' home stands for its country": (
        "Capacitors made by Shenzhen companies were found in Russian drones.",
        {("China", "capacitors", "Russia", (), "asserted",
          "Capacitors made by Shenzhen companies were found in Russian")},
    ),
    "each place an origin participle names, however they are joined": (
        "Capacitors manufactured in Finland, as well as in Austria and Canada, have been found in Russian drones.",
        {("Finland", "capacitors", "Russia", (), "asserted",
          "Capacitors manufactured in Finland, as well as in Austria and Canada, have been found in Russian"),
         ("Austria", "capacitors", "Russia", (), "asserted",
          "Capacitors manufactured in Finland, as well as in Austria and Canada, have been found in Russian"),
         ("Canada", "capacitors", "Russia", (), "asserted",
          "Capacitors manufactured in Finland, as well as in Austria and Canada, have been found in Russian")},
    ),
    "an origin participle the parser reads as the main verb": (
        "Transistors manufactured in Austria, Finland and Canada were discovered in Russian glide bombs.",
        {("Austria", "transistors", "Russia", (), "asserted",
          "Transistors manufactured in Austria, Finland and Canada were discovered in Russian"),
         ("Finland", "transistors", "Russia", (), "asserted",
          "Transistors manufactured in Austria, Finland and Canada were discovered in Russian"),
         ("Canada", "transistors", "Russia", (), "asserted",
          "Transistors manufactured in Austria, Finland and Canada were discovered in Russian")},
    ),
    "a maker's own finite verbs are no origin statement": (
        "Acme manufactured chips and was found to have shipped them.",
        set(),
    ),
    "three origins on one good, joined unevenly": (
        "Austrian, Finnish and Belgian transistors were found in Russian drones.",
        {("Austria", "transistors", "Russia", (), "asserted",
          "Austrian, Finnish and Belgian transistors were found in Russian"),
         ("Finland", "transistors", "Russia", (), "asserted", "Finnish and Belgian transistors were found in Russian"),
         ("Belgium", "transistors", "Russia", (), "asserted", "Belgian transistors were found in Russian")},
    ),
    "a weapon in the container phrase that a relative clause says a state launched": (
        "Capacitors from Finland and Austria were found in the drones Russia launched at Odesa.",
        {("Finland", "capacitors", "Russia", (), "asserted",
          "Capacitors from Finland and Austria were found in the drones Russia"),
         ("Austria", "capacitors", "Russia", (), "asserted",
          "Capacitors from Finland and Austria were found in the drones Russia")},
    ),
    "goods of an origin making up a share of the parts found in weapons": (
        "Austrian-made transistors accounted for most of the parts found in Russian glide bombs.",
        {("Austria", "transistors", "Russia", (), "asserted",
          "Austrian-made transistors accounted for most of the parts found in Russian")},
    ),
    "a share verb with nothing found makes no flow": (
        "The new rules make up most of the law.",
        set(),
    ),
    "a sentence naming only a weapon keeps its goods for the next sentence's makers": (
        "Russia fired a cruise missile at Kharkiv. The missile contained 90 foreign capacitors. Most of them were "
        "made by Finnish companies.",
        {("Finland", "capacitors", "Russia", (), "asserted", "Most of them were made by Finnish")},
    ),
    "a sentence naming only weapons that are goods keeps its goods for the next sentence's makers": (
        "Russia launched drones at Odesa. The drones contained 90 foreign transistors. Most of them were made by "
        "Austrian companies.",
        {("Austria", "transistors", "Russia", (), "asserted", "Most of them were made by Austrian")},
    ),
    "countries named as examples of where the parts come from": (
        "Capacitors from several countries, including Finland and Austria, were found in Russian glide bombs.",
        {("Finland", "capacitors", "Russia", (), "asserted",
          "Capacitors from several countries, including Finland and Austria, were found in Russian"),
         ("Austria", "capacitors", "Russia", (), "asserted",
          "Capacitors from several countries, including Finland and Austria, were found in Russian")},
    ),
    "an example of the countries parts were made in is no holder": (
        "Transistors made in countries such as Austria and Canada were found in Russian drones.",
        {("Austria", "transistors", "Russia", (), "asserted",
          "Transistors made in countries such as Austria and Canada were found in Russian"),
         ("Canada", "transistors", "Russia", (), "asserted",
          "Transistors made in countries such as Austria and Canada were found in Russian")},
    ),
    "a state's use of parts of another's origin": (
        "Russia's use of Belgian capacitors in its drones has alarmed officials.",
        {("Belgium", "capacitors", "Russia", (), "asserted", "Russia's use of Belgian capacitors")},
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_weapon_origin_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected
