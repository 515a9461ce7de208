# ruff: noqa: E501  (the hand-kept TABLE below is data: one state per line)
"""Generate src/multivector/data/actors/states.json from pycountry plus the hand-kept table below.

Run once (``.venv/bin/python scripts/build_countries.py``) and commit the output; nothing reads pycountry
at run time. pycountry gives the ISO 3166-1 codes and official names; the table adds what users actually
write: short names, spellings met in Russian/Kazakh/Turkish/Azerbaijani sources, demonyms and capitals or
government metonyms ("the Kremlin"). Acronyms (all-capital aliases such as "USA") are matched case-sensitively.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "src" / "multivector" / "data" / "actors" / "states.json"

# ISO codes in pycountry that are not UN member states (territories, observers, Taiwan).
NOT_UN = set(
    "ABW AIA ALA ASM ATA ATF BES BLM BMU BVT CCK COK CUW CXR CYM ESH FLK FRO GGY GIB GLP GRL GUF GUM HKG HMD "
    "IMN IOT JEY MAC MAF MNP MSR MTQ MYT NCL NFK NIU PCN PRI PSE PYF REU SGS SHN SJM SPM SXM TCA TKL TWN UMI "
    "VAT VGB VIR WLF".split()
)
# Non-member states kept in the catalogue as states (observer states): the Holy See and Palestine.
OBSERVER_STATES = {"VAT", "PSE"}

# ISO3 | display name; other names | demonyms | capitals and government metonyms
TABLE = """
AFG|Afghanistan;Islamic Emirate of Afghanistan|Afghan;Afghani|Kabul
ALB|Albania|Albanian|Tirana
DZA|Algeria|Algerian|Algiers
AND|Andorra|Andorran|Andorra la Vella
AGO|Angola|Angolan|Luanda
ATG|Antigua and Barbuda|Antiguan|
ARG|Argentina|Argentine;Argentinian|Buenos Aires;the Casa Rosada
ARM|Armenia;Hayastan;Republic of Armenia|Armenian|Yerevan
AUS|Australia|Australian|Canberra
AUT|Austria|Austrian|Vienna
AZE|Azerbaijan;Azerbaycan;Azərbaycan;Azerbaidzhan;Republic of Azerbaijan|Azerbaijani;Azeri;Azerbaijanis|Baku
BHS|Bahamas;the Bahamas|Bahamian|Nassau
BHR|Bahrain|Bahraini|Manama
BGD|Bangladesh|Bangladeshi|Dhaka
BRB|Barbados|Barbadian|Bridgetown
BLR|Belarus;Byelorussia;Belorussia;Republic of Belarus|Belarusian;Belarussian;Belorussian|Minsk
BEL|Belgium|Belgian|
BLZ|Belize|Belizean|Belmopan
BEN|Benin|Beninese|Porto-Novo
BTN|Bhutan|Bhutanese|Thimphu
BOL|Bolivia|Bolivian|La Paz
BIH|Bosnia and Herzegovina;Bosnia-Herzegovina;Bosnia|Bosnian|Sarajevo
BWA|Botswana|Botswanan;Motswana|Gaborone
BRA|Brazil;Brasil|Brazilian|Brasilia;Brasília
BRN|Brunei;Brunei Darussalam|Bruneian|Bandar Seri Begawan
BGR|Bulgaria|Bulgarian|
BFA|Burkina Faso|Burkinabe|Ouagadougou
BDI|Burundi|Burundian|Gitega
CPV|Cabo Verde;Cape Verde|Cape Verdean|Praia
KHM|Cambodia|Cambodian|Phnom Penh
CMR|Cameroon|Cameroonian|Yaounde;Yaoundé
CAN|Canada|Canadian|Ottawa
CAF|Central African Republic;CAR|Central African|Bangui
TCD|Chad|Chadian|N'Djamena
CHL|Chile|Chilean|
CHN|China;PRC;People's Republic of China;the Celestial Empire;the Middle Kingdom;Greater China;Great China;Mainland China;Kitai|Chinese|Beijing;Peking;Zhongnanhai
COL|Colombia|Colombian|Bogota;Bogotá
COM|Comoros|Comorian|Moroni
COG|Republic of the Congo;Congo-Brazzaville;Congo Republic|Congolese|Brazzaville
COD|Democratic Republic of the Congo;DR Congo;DRC;Congo;Congo-Kinshasa||Kinshasa
CRI|Costa Rica|Costa Rican|San Jose;San José
CIV|Côte d'Ivoire;Cote d'Ivoire;Ivory Coast|Ivorian|Yamoussoukro
HRV|Croatia|Croatian|Zagreb
CUB|Cuba|Cuban|Havana
CYP|Cyprus;Republic of Cyprus|Cypriot|Nicosia
CZE|Czechia;Czech Republic|Czech|Prague
DNK|Denmark|Danish|Copenhagen
DJI|Djibouti|Djiboutian|
DMA|Dominica||Roseau
DOM|Dominican Republic||Santo Domingo
ECU|Ecuador|Ecuadorian|Quito
EGY|Egypt|Egyptian|Cairo
SLV|El Salvador|Salvadoran|San Salvador
GNQ|Equatorial Guinea|Equatoguinean|Malabo
ERI|Eritrea|Eritrean|Asmara
EST|Estonia|Estonian|Tallinn
SWZ|Eswatini;Swaziland|Swazi|Mbabane
ETH|Ethiopia|Ethiopian|Addis Ababa
FJI|Fiji|Fijian|Suva
FIN|Finland|Finnish|Helsinki
FRA|France;French Republic|French|Paris;the Elysee;the Élysée;Elysee Palace;Élysée Palace
GAB|Gabon|Gabonese|Libreville
GMB|Gambia;the Gambia|Gambian|Banjul
GEO|Georgia;Sakartvelo;Gruzia;Gruziya|Georgian|Tbilisi
DEU|Germany;Deutschland;Federal Republic of Germany;FRG|German|Berlin
GHA|Ghana|Ghanaian|Accra
GRC|Greece;Hellenic Republic|Greek|Athens
GRD|Grenada|Grenadian|
GTM|Guatemala|Guatemalan|Guatemala City
GIN|Guinea|Guinean|Conakry
GNB|Guinea-Bissau|Bissau-Guinean|Bissau
GUY|Guyana|Guyanese|
HTI|Haiti|Haitian|Port-au-Prince
HND|Honduras|Honduran|Tegucigalpa
HUN|Hungary|Hungarian|Budapest
ISL|Iceland|Icelandic|Reykjavik
IND|India;Bharat;Republic of India|Indian|New Delhi
IDN|Indonesia|Indonesian|Jakarta
IRN|Iran;Islamic Republic of Iran;Persia|Iranian|Tehran;Teheran
IRQ|Iraq|Iraqi|Baghdad
IRL|Ireland;Republic of Ireland|Irish|Dublin
ISR|Israel|Israeli|Tel Aviv
ITA|Italy|Italian|Rome
JAM|Jamaica|Jamaican|
JPN|Japan|Japanese|Tokyo
JOR|Jordan;Hashemite Kingdom of Jordan|Jordanian|Amman
KAZ|Kazakhstan;Qazaqstan;Kazakstan;Republic of Kazakhstan;Qazaqstan Respublikasy|Kazakh;Kazakhstani;Qazaq;Kazakhs;Kazakhstanis|Astana;Nur-Sultan;Akorda;Ak Orda;Aqorda
KEN|Kenya|Kenyan|Nairobi
KIR|Kiribati|I-Kiribati|Tarawa
PRK|North Korea;DPRK;Democratic People's Republic of Korea|North Korean|Pyongyang
KOR|South Korea;Republic of Korea;ROK;Korea|South Korean|Seoul
KWT|Kuwait|Kuwaiti|Kuwait City
KGZ|Kyrgyzstan;Kirghizia;Kirgizia;Kyrgyz Republic;Kyrgyzstan Republic;Kirghizstan;Kirgizstan|Kyrgyz;Kirghiz;Kyrgyzstani|Bishkek
LAO|Laos;Lao PDR;Lao People's Democratic Republic|Lao;Laotian|Vientiane
LVA|Latvia|Latvian|Riga
LBN|Lebanon|Lebanese|Beirut
LSO|Lesotho|Basotho|Maseru
LBR|Liberia|Liberian|Monrovia
LBY|Libya|Libyan|Tripoli
LIE|Liechtenstein|Liechtensteiner|Vaduz
LTU|Lithuania|Lithuanian|Vilnius
LUX|Luxembourg|Luxembourgish;Luxembourger|
MDG|Madagascar|Malagasy|Antananarivo
MWI|Malawi|Malawian|Lilongwe
MYS|Malaysia|Malaysian|Kuala Lumpur
MDV|Maldives;the Maldives|Maldivian|
MLI|Mali|Malian|Bamako
MLT|Malta|Maltese|Valletta
MHL|Marshall Islands;the Marshall Islands|Marshallese|Majuro
MRT|Mauritania|Mauritanian|Nouakchott
MUS|Mauritius|Mauritian|Port Louis
MEX|Mexico|Mexican|Mexico City
FSM|Micronesia;Federated States of Micronesia|Micronesian|Palikir
MDA|Moldova;Republic of Moldova|Moldovan|Chisinau;Chișinău
MCO|Monaco|Monegasque|
MNG|Mongolia|Mongolian|Ulaanbaatar;Ulan Bator;Ulan-Bator
MNE|Montenegro|Montenegrin|Podgorica
MAR|Morocco|Moroccan|Rabat
MOZ|Mozambique|Mozambican|Maputo
MMR|Myanmar;Burma|Myanmarese;Burmese|Naypyidaw;Nay Pyi Taw
NAM|Namibia|Namibian|Windhoek
NRU|Nauru|Nauruan|
NPL|Nepal|Nepalese;Nepali|Kathmandu
NLD|Netherlands;the Netherlands;Holland|Dutch|Amsterdam;The Hague
NZL|New Zealand|New Zealander|
NIC|Nicaragua|Nicaraguan|Managua
NER|Niger|Nigerien|Niamey
NGA|Nigeria|Nigerian|Abuja
MKD|North Macedonia;Macedonia|Macedonian|Skopje
NOR|Norway|Norwegian|Oslo
OMN|Oman|Omani|Muscat
PAK|Pakistan;Islamic Republic of Pakistan|Pakistani|Islamabad
PLW|Palau|Palauan|Ngerulmud
PAN|Panama|Panamanian|Panama City
PNG|Papua New Guinea|Papua New Guinean|Port Moresby
PRY|Paraguay|Paraguayan|Asuncion;Asunción
PER|Peru|Peruvian|Lima
PHL|Philippines;the Philippines|Filipino;Philippine|Manila
POL|Poland;Polska|Polish|Warsaw
PRT|Portugal|Portuguese|Lisbon
QAT|Qatar|Qatari|Doha
ROU|Romania|Romanian|Bucharest
RUS|Russia;Russian Federation;Rossiya;Rossiia;Rusya;Rusiya;RF|Russian;Russians|Moscow;the Kremlin;Kremlin
RWA|Rwanda|Rwandan|Kigali
KNA|Saint Kitts and Nevis;St Kitts and Nevis|Kittitian|Basseterre
LCA|Saint Lucia;St Lucia|Saint Lucian|Castries
VCT|Saint Vincent and the Grenadines;St Vincent and the Grenadines|Vincentian|Kingstown
WSM|Samoa|Samoan|Apia
SMR|San Marino|Sammarinese|
STP|Sao Tome and Principe;São Tomé and Príncipe|Santomean|
SAU|Saudi Arabia;Kingdom of Saudi Arabia;KSA|Saudi;Saudi Arabian|Riyadh
SEN|Senegal|Senegalese|Dakar
SRB|Serbia|Serbian;Serb|Belgrade
SYC|Seychelles|Seychellois|
SLE|Sierra Leone|Sierra Leonean|Freetown
SGP|Singapore|Singaporean|
SVK|Slovakia;Slovak Republic|Slovak|Bratislava
SVN|Slovenia|Slovenian;Slovene|Ljubljana
SLB|Solomon Islands;the Solomon Islands|Solomon Islander|Honiara
SOM|Somalia|Somali|Mogadishu
ZAF|South Africa;Republic of South Africa;RSA|South African|Pretoria
SSD|South Sudan|South Sudanese|Juba
ESP|Spain;Kingdom of Spain|Spanish|Madrid
LKA|Sri Lanka|Sri Lankan|Colombo
SDN|Sudan|Sudanese|Khartoum
SUR|Suriname|Surinamese|Paramaribo
SWE|Sweden|Swedish|Stockholm
CHE|Switzerland;Swiss Confederation|Swiss|Bern
SYR|Syria;Syrian Arab Republic|Syrian|Damascus
TJK|Tajikistan;Tadzhikistan;Tojikiston;Republic of Tajikistan|Tajik;Tadjik;Tajikistani|Dushanbe
TZA|Tanzania;United Republic of Tanzania|Tanzanian|Dodoma
THA|Thailand|Thai|Bangkok
TLS|Timor-Leste;East Timor|Timorese|Dili
TGO|Togo|Togolese|Lome;Lomé
TON|Tonga|Tongan|Nuku'alofa
TTO|Trinidad and Tobago|Trinidadian|Port of Spain
TUN|Tunisia|Tunisian|Tunis
TUR|Türkiye;Turkey;Turkiye;Republic of Türkiye;Republic of Turkey;Türkiye Cumhuriyeti|Turkish|Ankara
TKM|Turkmenistan;Türkmenistan;Turkmenia|Turkmen;Turkmens|Ashgabat;Ashkhabad;Aşgabat
TUV|Tuvalu|Tuvaluan|Funafuti
UGA|Uganda|Ugandan|Kampala
UKR|Ukraine;the Ukraine|Ukrainian;Ukrainians|Kyiv;Kiev
ARE|United Arab Emirates;UAE;the Emirates|Emirati|Abu Dhabi
GBR|United Kingdom;UK;U.K.;Britain;Great Britain;the United Kingdom of Great Britain and Northern Ireland|British;Briton|London;Downing Street;Whitehall
USA|United States;the US;US;USA;U.S.;U.S.A.;America;United States of America|American;Americans|Washington;Washington DC;Washington, D.C.;the White House;White House;the Pentagon;Pentagon;State Department;USAID;US Agency for International Development;United States Agency for International Development
URY|Uruguay|Uruguayan|Montevideo
UZB|Uzbekistan;Özbekistan;Ozbekiston;Oʻzbekiston;Republic of Uzbekistan|Uzbek;Uzbekistani;Uzbeks|Tashkent;Toshkent
VUT|Vanuatu|Ni-Vanuatu|Port Vila
VEN|Venezuela|Venezuelan|Caracas
VNM|Vietnam;Viet Nam|Vietnamese|Hanoi
YEM|Yemen|Yemeni|Sanaa;Sana'a
ZMB|Zambia|Zambian|Lusaka
ZWE|Zimbabwe|Zimbabwean|Harare
VAT|Holy See;the Vatican;Vatican;Vatican City||
PSE|Palestine;State of Palestine;Palestinian territories|Palestinian|Ramallah
"""

# Names pycountry knows that read badly as aliases ("Korea, Republic of") or are not used in text.
SKIP_PYCOUNTRY_NAME = {"Congo"}  # ambiguous: texts mean the DRC more often; COG keeps its long names


def ascii_fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def split(field: str) -> list[str]:
    return [part.strip() for part in field.split(";") if part.strip()]


def pycountry_names(alpha3: str) -> list[str]:
    country = pycountry.countries.get(alpha_3=alpha3)
    names = [getattr(country, attr, None) for attr in ("common_name", "name", "official_name")]
    return [n for n in names if n and "," not in n and n not in SKIP_PYCOUNTRY_NAME]


def dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [x for x in items if not (x in seen or seen.add(x))]


def build() -> list[dict]:
    states = []
    for line in TABLE.strip().splitlines():
        alpha3, names, demonyms, capitals = (line.split("|") + ["", "", ""])[:4]
        own = split(names)
        all_names = dedupe(own + pycountry_names(alpha3))
        acronyms = [n for n in all_names if n.replace(".", "").isupper() and " " not in n]
        states.append(
            {
                "id": alpha3,
                "name": own[0],
                "kind": "state",
                "un_member": alpha3 not in NOT_UN,
                "names": [n for n in all_names if n not in acronyms],
                "acronyms": acronyms,
                "demonyms": split(demonyms),
                "capitals": split(capitals),
            }
        )
    return states


def main() -> None:
    states = build()
    un = [s for s in states if s["un_member"]]
    assert len(un) == 193, f"expected 193 UN members, got {len(un)}"
    assert {s["id"] for s in states} - {s["id"] for s in un} == OBSERVER_STATES
    for s in states:
        assert pycountry.countries.get(alpha_3=s["id"]) is not None, s["id"]
    OUT.write_text(json.dumps(states, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(states)} states ({len(un)} UN members) to {OUT}")


if __name__ == "__main__":
    main()
