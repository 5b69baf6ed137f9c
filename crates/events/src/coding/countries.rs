//! A small fallback table of country names, demonyms, capitals and seats of
//! government, and of international organisations (coded `IGO`, as CAMEO
//! and PLOVER do). The annotate crate holds the full catalogue; this table
//! only lets coding work on bare text.

use std::collections::HashMap;
use std::sync::OnceLock;

/// `code: alias, alias, …`; aliases are lowercase, words separated by spaces.
/// Aliases of three letters or fewer match only when written in capitals.
const TABLE: &[(&str, &str)] = &[
    ("USA", "united states, united states of america, u.s, us, usa, america, american, washington, white house, pentagon, state department, treasury"),
    ("GBR", "united kingdom, great britain, britain, british, uk, london, downing street, briton, english, england, scotland, scottish, wales, welsh, northern ireland"),
    ("RUS", "russia, russian, moscow, kremlin, soviet, soviet union, ussr"),
    ("CHN", "china, chinese, beijing, prc"),
    ("FRA", "france, french, paris, elysee"),
    ("DEU", "germany, german, berlin, bonn"),
    ("ITA", "italy, italian, rome"),
    ("ESP", "spain, spanish, madrid"),
    ("PRT", "portugal, portuguese, lisbon"),
    ("NLD", "netherlands, dutch, holland, amsterdam, the hague"),
    ("BEL", "belgium, belgian"),
    ("CHE", "switzerland, swiss, bern, geneva"),
    ("AUT", "austria, austrian, vienna"),
    ("SWE", "sweden, swedish, swede, stockholm"),
    ("NOR", "norway, norwegian, oslo"),
    ("DNK", "denmark, danish, dane, copenhagen"),
    ("FIN", "finland, finnish, helsinki"),
    ("IRL", "ireland, irish, dublin"),
    ("POL", "poland, polish, pole, warsaw"),
    ("CZE", "czechia, czech republic, czech, prague"),
    ("SVK", "slovakia, slovak, bratislava"),
    ("HUN", "hungary, hungarian, budapest"),
    ("ROU", "romania, romanian, bucharest"),
    ("BGR", "bulgaria, bulgarian, sofia"),
    ("GRC", "greece, greek, athens"),
    ("CYP", "cyprus, cypriot, nicosia"),
    ("TUR", "turkey, turkish, turk, ankara, istanbul"),
    ("UKR", "ukraine, ukrainian, kiev, kyiv"),
    ("BLR", "belarus, belarusian, belarussian, byelorussia, minsk"),
    ("LTU", "lithuania, lithuanian, vilnius"),
    ("LVA", "latvia, latvian, riga"),
    ("EST", "estonia, estonian, tallinn"),
    ("MDA", "moldova, moldovan, chisinau"),
    ("GEO", "georgia, georgian, tbilisi"),
    ("ARM", "armenia, armenian, yerevan"),
    ("AZE", "azerbaijan, azerbaijani, azeri, baku"),
    ("KAZ", "kazakhstan, kazakh, astana"),
    ("KGZ", "kyrgyzstan, kyrgyz, bishkek"),
    ("UZB", "uzbekistan, uzbek, tashkent"),
    ("SRB", "serbia, serbian, serb, belgrade, yugoslavia, yugoslav"),
    ("HRV", "croatia, croatian, croat, zagreb"),
    ("BIH", "bosnia, bosnian, sarajevo, bosnia-herzegovina"),
    ("MNE", "montenegro, montenegrin, podgorica"),
    ("MKD", "macedonia, macedonian, skopje"),
    ("ALB", "albania, albanian, tirana"),
    ("XKX", "kosovo, kosovar, pristina"),
    ("ISR", "israel, israeli, jerusalem, tel aviv, knesset"),
    ("PSE", "palestine, palestinian, gaza, gaza strip, west bank, hamas, fatah, ramallah, plo"),
    ("LBN", "lebanon, lebanese, beirut, hezbollah, hizbollah"),
    ("SYR", "syria, syrian, damascus"),
    ("JOR", "jordan, jordanian, amman"),
    ("IRQ", "iraq, iraqi, baghdad, basra"),
    ("IRN", "iran, iranian, tehran, persian"),
    ("SAU", "saudi arabia, saudi, riyadh"),
    ("YEM", "yemen, yemeni, sanaa"),
    ("QAT", "qatar, qatari, doha"),
    ("ARE", "united arab emirates, emirates, emirati, uae, abu dhabi, dubai"),
    ("KWT", "kuwait, kuwaiti"),
    ("EGY", "egypt, egyptian, cairo"),
    ("LBY", "libya, libyan, tripoli"),
    ("TUN", "tunisia, tunisian, tunis"),
    ("DZA", "algeria, algerian, algiers"),
    ("MAR", "morocco, moroccan, rabat"),
    ("SDN", "sudan, sudanese, khartoum, darfur, omdurman"),
    ("SSD", "south sudan, juba"),
    ("ETH", "ethiopia, ethiopian, addis ababa"),
    ("ERI", "eritrea, eritrean, asmara"),
    ("SOM", "somalia, somali, mogadishu"),
    ("KEN", "kenya, kenyan, nairobi"),
    ("UGA", "uganda, ugandan, kampala"),
    ("RWA", "rwanda, rwandan, kigali"),
    ("BDI", "burundi, burundian, bujumbura"),
    ("COD", "congo, congolese, kinshasa, drc"),
    ("AGO", "angola, angolan, luanda"),
    ("MOZ", "mozambique, mozambican, maputo"),
    ("ZWE", "zimbabwe, zimbabwean, harare"),
    ("ZMB", "zambia, zambian, lusaka"),
    ("ZAF", "south africa, south african, pretoria, johannesburg"),
    ("NGA", "nigeria, nigerian, abuja, lagos"),
    ("NER", "niger, nigerien, niamey"),
    ("GHA", "ghana, ghanaian, accra"),
    ("CIV", "ivory coast, cote d'ivoire, ivorian, abidjan"),
    ("LBR", "liberia, liberian, monrovia"),
    ("SLE", "sierra leone, sierra leonean, freetown"),
    ("SEN", "senegal, senegalese, dakar"),
    ("GMB", "gambia, gambian, banjul"),
    ("MRT", "mauritania, mauritanian, nouakchott"),
    ("MLI", "mali, malian, bamako"),
    ("BEN", "benin, beninese, cotonou"),
    ("TCD", "chad, chadian, n'djamena"),
    ("CMR", "cameroon, cameroonian, yaounde"),
    ("AFG", "afghanistan, afghan, kabul, taliban"),
    ("PAK", "pakistan, pakistani, islamabad, karachi, sindh"),
    ("IND", "india, indian, new delhi, delhi"),
    ("BGD", "bangladesh, bangladeshi, dhaka"),
    ("LKA", "sri lanka, sri lankan, colombo, tamil tigers"),
    ("NPL", "nepal, nepalese, kathmandu"),
    ("MMR", "myanmar, burma, burmese, yangon, rangoon"),
    ("THA", "thailand, thai, bangkok"),
    ("KHM", "cambodia, cambodian, phnom penh, kampuchea, kampuchean, khmer rouge"),
    ("VNM", "vietnam, vietnamese, hanoi"),
    ("MYS", "malaysia, malaysian, kuala lumpur"),
    ("SGP", "singapore, singaporean"),
    ("IDN", "indonesia, indonesian, jakarta"),
    ("PHL", "philippines, philippine, filipino, manila"),
    ("TLS", "east timor, timor-leste, timorese, dili"),
    ("TWN", "taiwan, taiwanese, taipei"),
    ("JPN", "japan, japanese, tokyo"),
    ("KOR", "south korea, south korean, seoul, republic of korea"),
    ("PRK", "north korea, north korean, pyongyang, dprk"),
    ("MNG", "mongolia, mongolian, ulaanbaatar"),
    ("AUS", "australia, australian, canberra"),
    ("NZL", "new zealand, wellington"),
    ("CAN", "canada, canadian, ottawa"),
    ("MEX", "mexico, mexican, mexico city"),
    ("CUB", "cuba, cuban, havana"),
    ("HTI", "haiti, haitian, port-au-prince"),
    ("PAN", "panama, panamanian"),
    ("NIC", "nicaragua, nicaraguan, managua"),
    ("SLV", "el salvador, salvadoran"),
    ("GTM", "guatemala, guatemalan"),
    ("HND", "honduras, honduran, tegucigalpa"),
    ("COL", "colombia, colombian, bogota"),
    ("VEN", "venezuela, venezuelan, caracas"),
    ("PER", "peru, peruvian, lima"),
    ("BRA", "brazil, brazilian, brasilia"),
    ("ARG", "argentina, argentine, argentinian, buenos aires"),
    ("CHL", "chile, chilean, santiago"),
    ("BOL", "bolivia, bolivian, la paz"),
    ("ECU", "ecuador, ecuadorian, quito"),
    ("IGO", "united nations, un, u.n, security council, general assembly, european union, eu, european community, ec, european commission, nato, iaea, international atomic energy agency, wfp, world food program, world food programme, unhcr, unicef, unifil, world bank, imf, international monetary fund, arab league, african union, ecowas, opec, osce, ilo, international labor office, international labour organization, amnesty international, red cross, interpol, asean, wto"),
    ("NGO", "human rights watch, doctors without borders, greenpeace, oxfam"),
];

/// Aliases as lowercase word sequences, mapped to their code.
pub(crate) fn aliases() -> &'static HashMap<String, &'static str> {
    static MAP: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = HashMap::new();
        for (code, list) in TABLE {
            for alias in list.split(',') {
                map.insert(alias.trim().to_string(), *code);
            }
        }
        map
    })
}

/// The longest alias any table entry has, in words.
pub(crate) const MAX_ALIAS_WORDS: usize = 4;

/// The country code of a name as written ("Minsk" → BLR), if the table knows it.
pub fn country_code(name: &str) -> Option<&'static str> {
    let words: Vec<String> = crate::text::tokenize(name).into_iter().filter(|t| t.is_word).map(|t| t.lower).collect();
    lookup(&words.join(" "))
}

/// Look up an alias, also without a plural `s` ("Liberians").
pub(crate) fn lookup(alias: &str) -> Option<&'static str> {
    let map = aliases();
    map.get(alias).or_else(|| alias.strip_suffix('s').and_then(|a| map.get(a))).copied()
}
