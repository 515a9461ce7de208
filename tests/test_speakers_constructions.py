"""Speaker constructions one at a time, on sentences written for these tests (invented people)."""

from __future__ import annotations

import pytest

from multivector.nlp.assemble import analyze_document, pipeline
from multivector.records import Analysis, Document


@pytest.fixture(scope="module")
def nlp():
    return pipeline()


def _analyse(nlp, body: str, *, title: str = "", raw_text: str = "") -> Analysis:
    document = Document(source="<test>", name="test", body=body, raw_text=raw_text or body, title=title, authors=[])
    return analyze_document(document, nlp=nlp)


def _sentence_speakers(nlp, body: str) -> dict[str, str | None]:
    """Each sentence of a plain body (no title, no byline) and its speaker, through the stages assemble runs."""
    from multivector.nlp import segment
    from multivector.nlp.actors import person_mentions
    from multivector.nlp.assemble import _parse, _sentences, _shift
    from multivector.nlp.speakers import attribute, complete_persons, find_speakers

    interview = segment.is_interview(body)
    blocks = segment.classify_blocks(body, segment.split_blocks(body), interview)
    parsed = _parse(nlp, body)
    sentences, persons = [], []
    for offset, doc in parsed:
        sentences += _sentences(doc, offset, blocks)
        persons += [_shift(p, offset) for p in person_mentions(doc)]
    persons = complete_persons(body, persons, parsed)
    speakers = find_speakers(body, persons, blocks, interview, [], parsed=parsed)
    return {body[s:e]: who for (s, e), who in attribute(body, sentences, blocks, speakers, interview).items()}


def _speaker_of(by_sentence: dict[str, str | None], fragment: str) -> str | None:
    (who,) = [who for text, who in by_sentence.items() if fragment in text]
    return who


def _speakers(nlp, body: str, **kw) -> list[str]:
    return [s.name for s in _analyse(nlp, body, **kw).speakers]


def test_a_name_in_apposition_to_a_role_of_an_organisation_is_a_speaker(nlp):
    body = (
        "In March, the head of Kazakhtelecom, Daniyar Mukanov, stated that the company was ready to lay a fibre "
        "cable under the Caspian Sea."
    )
    assert _speakers(nlp, body) == ["Daniyar Mukanov"]


@pytest.mark.parametrize(
    "verb",
    ["branded the tariffs as unfair", "signaled that talks would resume", "thanked Ankara for its support"],
)
def test_reported_speech_without_quotes_makes_a_speaker(nlp, verb):
    body = f"Last week, Kyrgyz Foreign Minister Erlan Tokoev {verb}. Trade between the two states grew."
    assert _speakers(nlp, body) == ["Erlan Tokoev"]


def test_declaring_an_act_is_no_speech_but_declaring_that_is(nlp):
    act = "After the blackout, Prime Minister Aibek Sultanov declared the new power line a priority for the year."
    speech = "After the blackout, Prime Minister Aibek Sultanov declared that the new power line would be finished."
    assert _speakers(nlp, act) == []
    assert _speakers(nlp, speech) == ["Aibek Sultanov"]


def test_proposed_by_is_no_speech(nlp):
    body = "The transit plan proposed by Farhod Karimov last year was shelved after the ministers met in Tashkent."
    assert _speakers(nlp, body) == []


def test_a_person_cited_inside_another_speakers_quotation_is_no_speaker(nlp):
    body = (
        "Analyst Rauf Mammadli told reporters that the summit had gone well.\n\n"
        "“President Samir Guliyev stressed that the region needs new railways and more trade with its neighbours,” "
        "Mammadli said."
    )
    analysis = _analyse(nlp, body)
    assert [s.name for s in analysis.speakers] == ["Rauf Mammadli"]
    assert {"Rauf Mammadli", "Samir Guliyev"} <= {p.name for p in analysis.people}


def test_an_honorific_is_not_part_of_the_name(nlp):
    body = "Mawlawi Abdul Rahman Haqqani, the acting minister of trade, said that exports to Uzbekistan had doubled."
    assert _speakers(nlp, body) == ["Abdul Rahman Haqqani"]


def test_the_written_first_name_beats_a_catalogue_namesake(nlp):
    # The catalogue knows Bakhtiyor Saidov, Uzbekistan's foreign minister; this is somebody else.
    body = (
        "The report cited Nodir Saidov, a deputy of the Uzbek parliament, on the customs union.\n\n"
        "Saidov said that membership would bring no benefit to Uzbek farmers."
    )
    analysis = _analyse(nlp, body)
    assert [s.name for s in analysis.speakers] == ["Nodir Saidov"]
    assert [p.name for p in analysis.people] == ["Nodir Saidov"]


def test_a_three_part_name_the_ner_cuts_short_is_whole(nlp):
    body = "In June, Iranian Trade Minister Reza Amini Farahani said that Iran would buy more Turkmen electricity."
    assert _speakers(nlp, body) == ["Reza Amini Farahani"]


QA_BODY = (
    "Which route matters most for Kyrgyz exports today?\n\n"
    "The road through Irkeshtam carries most of our trade with China, and it will keep growing for years.\n\n"
    "Is Russia still the main market for Kyrgyz goods?\n\n"
    "It remains important, but our farmers now sell more to Kazakhstan and to the Gulf."
)


def test_the_interviewee_of_a_q_and_a_page_named_only_in_the_headline_answers(nlp):
    title = "Dr. Aigul Toktomusheva - Director of the Bishkek Trade Policy Institute"
    analysis = _analyse(nlp, QA_BODY, title=title, raw_text=title + "\n\n" + QA_BODY)
    assert [(s.name, s.role) for s in analysis.speakers] == [
        ("Aigul Toktomusheva", "Director of the Bishkek Trade Policy Institute")
    ]
    speakers = {m.evidence: m.speaker for m in [*analysis.stance_mentions, *analysis.relation_mentions]}
    assert speakers and set(speakers.values()) == {"Aigul Toktomusheva"}


def test_the_interviewee_named_in_a_page_line_above_the_body(nlp):
    raw = "Read our interview with Colonel Marat Zhunusov (Ret.) in Kyrgyz and English.\n" + QA_BODY
    assert _speakers(nlp, QA_BODY, raw_text=raw) == ["Marat Zhunusov"]


def test_a_headline_name_is_no_interviewee_of_a_news_report(nlp):
    body = "Kyrgyzstan and China opened a new border crossing. Trade is expected to double by 2030."
    title = "Sadyr Japarov - President of Kyrgyzstan opens the Irkeshtam crossing"
    assert _speakers(nlp, body, title=title, raw_text=title + "\n" + body) == []


def test_a_form_of_address_is_no_person(nlp):
    body = "Dear Mr. Ambassador, how do you see the new railway?\n\nIt will change the region, I am sure of it."
    assert "Ambassador" not in {p.name for p in _analyse(nlp, body).people}


def test_a_role_noun_subject_is_the_last_named_holder_of_that_role(nlp):
    body = (
        "President Bakyt Osmonov arrived in Dushanbe on Monday for a two-day visit.\n\n"
        "The talks lasted four hours. The President stressed that Kyrgyzstan and Tajikistan must settle the border "
        "dispute this year."
    )
    analysis = _analyse(nlp, body)
    assert [s.name for s in analysis.speakers] == ["Bakyt Osmonov"]
    speakers = {m.evidence: m.speaker for m in [*analysis.stance_mentions, *analysis.relation_mentions]}
    assert any("settle the border" in e and who == "Bakyt Osmonov" for e, who in speakers.items())


def test_a_role_noun_subject_nobody_named_holds_is_no_speaker(nlp):
    body = "Osh hosted a trade fair on Monday. The minister said that exports to China had grown by a third."
    assert _speakers(nlp, body) == []


def test_a_name_and_role_line_over_a_quotation_makes_a_speaker_who_owns_it(nlp):
    body = (
        "Experts in Almaty disagree about the new customs rules for Chinese goods.\n\n"
        "Ruslan Ibragimov, economist:\n\n"
        "“Kazakhstan will lose transit trade to Uzbekistan if the rules stay as they are, and China will simply "
        "send its trucks through Tashkent.”\n\n"
        "Freight companies have asked the government for a delay."
    )
    analysis = _analyse(nlp, body)
    assert [(s.name, s.role) for s in analysis.speakers] == [("Ruslan Ibragimov", "economist")]
    speakers = {m.evidence: m.speaker for m in [*analysis.stance_mentions, *analysis.relation_mentions]}
    assert any("lose transit trade" in e for e in speakers)
    assert all(who == "Ruslan Ibragimov" for e, who in speakers.items() if "lose transit trade" in e)


def test_labelled_turns_of_a_round_table_belong_to_their_speakers(nlp):
    body = (
        "Two analysts discussed the Caspian pipeline with our editors.\n\n"
        "Aliya Bekova: Turkmenistan has no reason to trust Moscow on gas prices any more.\n\n"
        "Daniyar Sarsenov: China will remain the main buyer of Turkmen gas for a decade."
    )
    assert _speakers(nlp, body) == ["Aliya Bekova", "Daniyar Sarsenov"]
    by_sentence = _sentence_speakers(nlp, body)
    assert _speaker_of(by_sentence, "Moscow on gas") == "Aliya Bekova"
    assert _speaker_of(by_sentence, "main buyer") == "Daniyar Sarsenov"
    assert _speaker_of(by_sentence, "Two analysts discussed") is None


def test_a_heading_with_a_colon_is_no_person(nlp):
    body = (
        "Key Findings: exports of Kazakh wheat to Iran fell by a tenth in 2024.\n\n"
        "Trade with China grew, and Uzbekistan bought more flour than before."
    )
    analysis = _analyse(nlp, body)
    assert analysis.people == [] and analysis.speakers == []


def test_a_quotation_running_over_two_paragraphs_belongs_to_the_speaker_named_at_its_end(nlp):
    body = (
        "Tashkent is betting on a new railway through Afghanistan.\n\n"
        "“The route will cut the journey to the ports of Pakistan from weeks to days. Nobody else offers that.\n\n"
        "“We will not wait for Moscow or Beijing to approve it,” said Jamshid Kholmatov, a transport expert.\n\n"
        "Kabul has guaranteed the safety of the line."
    )
    by_sentence = _sentence_speakers(nlp, body)
    assert _speaker_of(by_sentence, "Nobody else offers that") == "Jamshid Kholmatov"
    assert _speaker_of(by_sentence, "We will not wait") == "Jamshid Kholmatov"
    assert _speaker_of(by_sentence, "Kabul has guaranteed") is None


@pytest.mark.parametrize(
    ("body", "speakers"),
    [
        ('As Aidos Sarym put it, "Russia is no longer the only partner that Kazakhstan and its neighbours have."', 1),
        ("In a telephone conversation with Vladimir Putin, Shavkat Mirziyoyev said that the two states were close.", 1),
        ("Shavkat Mirziyoyev met Vladimir Putin in Samarkand on Friday to discuss gas supplies.", 0),
    ],
)
def test_who_speaks_in_a_sentence_with_two_names(nlp, body, speakers):
    names = _speakers(nlp, body)
    assert len(names) == speakers
    assert "Vladimir Putin" not in names


def test_an_editors_brackets_do_not_make_a_second_person(nlp):
    body = (
        'Marat Iskakov, a security analyst in Astana, said: "If [Uzbek President Shavkat] Mirziyoyev wants a '
        'deal, Moscow will have to offer more than words."'
    )
    people = [p.name for p in _analyse(nlp, body).people]
    assert sorted(people) == ["Marat Iskakov", "Shavkat Mirziyoyev"]


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        (
            "President Bakyt Osmonov chaired the security council on Monday. The Head of State emphasised that the "
            "army must be modernised.",
            "Bakyt Osmonov",
        ),
        (
            "Foreign Minister Dilnoza Rashidova met her Turkish counterpart in Ankara. The top diplomat stressed that "
            "the railway to Afghanistan must be built.",
            "Dilnoza Rashidova",
        ),
        (
            "Kyrgyz President Bakyt Osmonov arrived in Moscow, where Russian President Pavel Sorokin met him. The "
            "Kyrgyz leader noted that trade with Russia had doubled.",
            "Bakyt Osmonov",
        ),
    ],
)
def test_a_role_noun_subject_may_name_the_role_by_a_synonym(nlp, body, speaker):
    assert _speakers(nlp, body) == [speaker]


def test_a_role_nobody_named_holds_right_after_a_speakers_sentence_is_that_speaker(nlp):
    body = (
        "Andrei Volkov, deputy head of the Duma committee on foreign affairs, spoke in Dushanbe on Friday.\n\n"
        "Volkov emphasised that the Russian base protects the whole region.\n\n"
        "The senator criticised Washington for trying to return to Central Asia."
    )
    by_sentence = _sentence_speakers(nlp, body)
    assert _speaker_of(by_sentence, "The senator criticised") == "Andrei Volkov"


def test_a_role_introduced_as_someone_unnamed_stays_unnamed(nlp):
    body = (
        "Marat Iskakov said that the talks had gone well.\n\n"
        "A senior diplomat in Astana was less sure. The diplomat said that Moscow would block the deal."
    )
    by_sentence = _sentence_speakers(nlp, body)
    assert _speaker_of(by_sentence, "Moscow would block") is None


def test_a_name_written_surname_first_and_a_quoted_as_saying_pronoun(nlp):
    body = (
        "Chinese President Xi Jinping met the five Central Asian leaders in Astana on Tuesday.\n\n"
        '"We should open our markets wider to each other and build more railways," said Xi.\n\n'
        '"Trade wars between great powers have no winners at all," the agency quoted him as saying.'
    )
    by_sentence = _sentence_speakers(nlp, body)
    assert _speaker_of(by_sentence, "open our markets") == "Xi Jinping"
    assert _speaker_of(by_sentence, "Trade wars") == "Xi Jinping"


@pytest.mark.parametrize("verb", ["called on Kazakhstan to open its border", "blasted the new tariffs on Uzbek cotton"])
def test_appeals_and_blunt_criticism_are_speech(nlp, verb):
    assert _speakers(nlp, f"On Friday, Kyrgyz President Bakyt Osmonov {verb}.") == ["Bakyt Osmonov"]


def test_a_speech_verb_known_only_by_its_lemma_attributes_a_quotation(nlp):
    body = (
        "Supporters of the deal say it protects Armenia.\n\n"
        "“The text promises nothing binding on border protection,” countered Anahit Sargsyan, an analyst in "
        "Gyumri."
    )
    by_sentence = _sentence_speakers(nlp, body)
    assert _speaker_of(by_sentence, "border protection") == "Anahit Sargsyan"


def test_a_role_in_apposition_starts_at_its_own_noun_phrase(nlp):
    body = (
        "The latest trip abroad of the new Uzbek foreign minister, Timur Sadykov, was to Beijing. Sadykov said that "
        "China remained the biggest lender to his country."
    )
    roles = {s.name: s.role for s in _analyse(nlp, body).speakers}
    assert roles.get("Timur Sadykov") == "new Uzbek foreign minister"


def test_a_negated_speech_verb_makes_no_speaker(nlp):
    body = (
        "Vladimir Putin, who visited Astana last month, has not commented on the railway plan. "
        '"It is the first line in the region built without Moscow\'s money," said Rustam Burnashev, a professor.'
    )
    assert _speakers(nlp, body) == ["Rustam Burnashev"]


def test_a_label_over_a_question_is_the_interviewer_not_a_speaker(nlp):
    body = (
        "Our editor talked to an economist about the Caspian pipeline.\n\n"
        "Marta Novak: Why did the talks between Baku and Ashgabat fail again this spring?\n\n"
        "Daniyar Sarsenov (economist): Turkmenistan has no reason to trust Moscow on gas prices any more."
    )
    assert _speakers(nlp, body) == ["Daniyar Sarsenov"]


@pytest.mark.parametrize(
    "verb",
    [
        "is of the opinion that Kazakhstan will not join the union",
        "reminded that Kazakhstan had supported the resolution",
        "drew attention to the shortage of gas in the south",
    ],
)
def test_translated_reporting_phrases_are_speech(nlp, verb):
    assert _speakers(nlp, f"Deputy Foreign Minister Roman Vassilenko {verb}.") == ["Roman Vassilenko"]


def test_an_outlet_or_officials_reporting_make_no_speaker_of_the_person_they_report_on(nlp):
    body = "Azerbaijani officials reported that Ilham Aliyev had met the Armenian delegation in Gabala."
    assert _speakers(nlp, body) == []


def test_page_furniture_with_a_colon_is_no_turn_label(nlp):
    body = (
        "Trade between Kazakhstan and China grew by a fifth last year.\n\n"
        "Photo Credit: Reuters\n\n"
        "Read More: Uzbekistan opens a new border crossing\n\n"
        "Exports of wheat to Iran fell, while Uzbekistan bought more flour than before."
    )
    analysis = _analyse(nlp, body)
    assert analysis.people == [] and analysis.speakers == []


def test_an_unattributed_quotation_on_a_q_and_a_page_is_the_respondents(nlp):
    from multivector.nlp.speakers import attribute, find_speakers

    body = (
        "Will Uzbekistan join the customs union?\n\n"
        "“We will keep our observer status and our freedom to trade with everyone,” as we have said many times.\n"
    )
    title = "Aziz Karimov - Deputy Minister of Foreign Trade of Uzbekistan"
    speakers = find_speakers(body, [], [], False, [], raw_text=title + "\n" + body, title=title)
    assert [(s.name, s.voice) for s in speakers] == [("Aziz Karimov", "respondent")]
    second = body.index("“We will")
    by_sentence = attribute(body, [(0, second - 2), (second, len(body))], [], speakers, False)
    assert by_sentence == {(0, second - 2): None, (second, len(body)): "Aziz Karimov"}


_ANSWERS = (
    "\n\n— How do you assess the talks in Baku?\n\n— They went well. Russia lost its role as the only mediator."
    "\n\n— What comes next?\n\n— A peace treaty, I hope, before the end of the year."
)


@pytest.mark.parametrize(
    ("lede", "interviewee"),
    [
        ("Our correspondent Leyla Hasanova talked to Turkish expert Kerem Aydin about the corridor.", "Kerem Aydin"),
        ("Our interlocutor is Timur Nazarov, a former deputy minister of economy of Uzbekistan.", "Timur Nazarov"),
    ],
)
def test_the_interviewee_of_a_lede_not_its_interviewer(nlp, lede, interviewee):
    assert _speakers(nlp, lede + _ANSWERS) == [interviewee]


def test_an_official_visit_report(nlp):
    body = (
        "President Bakyt Osmonov received Foreign Minister of Hungary Gabor Kiss in Bishkek. During the meeting, the "
        "parties discussed trade and energy. The Head of State noted the importance of the Middle Corridor for both "
        "countries. Gabor Kiss, in turn, conveyed greetings from the Hungarian government and expressed gratitude "
        "for the warm welcome."
    )
    analysis = _analyse(nlp, body)
    assert [s.name for s in analysis.speakers] == ["Bakyt Osmonov", "Gabor Kiss"]
    assert {s.name: s.role for s in analysis.speakers}["Gabor Kiss"] == "Foreign Minister of Hungary"


@pytest.mark.parametrize(
    ("sentence", "speaks"),
    [
        ("Prime Minister Aibek Sultanov promised to visit Dushanbe in the spring.", False),
        ("Prime Minister Aibek Sultanov promised that the border would reopen in the spring.", True),
        ('Prime Minister Aibek Sultanov promised Dushanbe "new markets" and "fair prices".', True),
    ],
)
def test_a_promise_is_speech_when_it_reports_words(nlp, sentence, speaks):
    assert _speakers(nlp, sentence) == (["Aibek Sultanov"] if speaks else [])


@pytest.mark.parametrize(
    ("sentence", "speakers"),
    [
        ("According to a statement by Rashid Orazov, Turkmenistan will sell gas to Europe.", ["Rashid Orazov"]),
        ("Timur Bekov's remarks about the border caused alarm in Astana.", ["Timur Bekov"]),
        ("Timur Bekov's visit to Astana was postponed until the autumn.", []),
    ],
)
def test_things_said_by_a_person_make_a_speaker(nlp, sentence, speakers):
    assert _speakers(nlp, sentence) == speakers


@pytest.mark.parametrize(
    "sentence",
    [
        "Kun Uz reported that the talks between the two governments had ended without an agreement.",
        "Air Astana said that flights to Frankfurt would resume in May.",
        "Freedom Holding stressed that it complied with all sanctions against Russia.",
    ],
)
def test_outlets_and_companies_that_report_or_say_are_no_speakers(nlp, sentence):
    assert _speakers(nlp, sentence) == []
