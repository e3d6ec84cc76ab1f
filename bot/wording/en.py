"""English: every family-facing sentence the code builds, by key (see bot.wording).

Keys are dotted: the part of the code that says the text, then what it says. Fields are named
(`{day}`); a text is filled with `str.format`, so a literal brace would be written twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

ENGLISH: Mapping[str, str] = MappingProxyType(
    {
        # Chat bubbles (bot.bubbles): a header repeated on the next bubble.
        "bubbles.continued": "{header} (continued)",
        # The assessment told in full (bot.explain.messages).
        "explain.bop_heading": "With the warden and the BOP",
        "explain.court_heading": "In court, on your loved one's own motion",
        "explain.may_fit_heading": "{heading}, these may fit what you told me:",
        "explain.fits": "{rule}: fits what you told me: {fits}.",
        "explain.may_fit": "{rule}: may fit. What fits: {fits}. Still to find out or to show: "
        "{still}.",
        "explain.rules_out": "{rule}: {conditions}.",
        "explain.note": "Note: {note}",
        "explain.none_fits": "On what you told me so far, none of the BOP's criteria or the "
        "court's listed grounds fits yet. That can change with more facts.",
        "explain.other_reasons": "The court can also weigh other circumstances as serious as "
        "these [{citation}]; a lawyer can judge whether yours could count.",
        "explain.do_not_fit_heading": "On what you told me, these do not fit:",
        "explain.open_heading": "Still open, and worth finding out:",
        "explain.holiday": "{day} ({holiday}, a federal holiday)",
        "explain.wait_ended": "The warden received the request on {received}. The 30-day wait "
        "ended on {last}, so since {day} your loved one may file a motion in the sentencing "
        "court [{citation}].",
        "explain.wait_ends": "The warden received the request on {received}. The 30-day wait "
        "ends on {last}, so the first safe day to file a motion in the sentencing court is "
        "{day} [{citation}].",
        "explain.day_passed": "{day} (this day has passed)",
        "explain.deadline": "{day}: {description}",
        "explain.thank_you": "Thank you. Here is what the rules say about what you told me, as "
        "of {as_of}. {explanation}",
        "explain.key_dates_heading": "Key dates:",
        "explain.documents_heading": "Documents to gather:",
        "explain.next_steps_heading": "Next steps:",
        "explain.keep_in_mind_heading": "Please keep in mind:",
        "explain.scope_thanks": "Thank you for telling me. {explanation}",
        "explain.scope_thanks_state": "Thank you for telling me. You told me the sentence comes "
        "from {state}. {explanation}",
        "explain.instead_heading": "What you can do instead:",
        # The assessment told short (bot.explain.render).
        "explain.short_route": "As of {as_of}: {explanation}",
        "explain.short_may_fit_heading": "As of {as_of}, these may fit what you told me:",
        "explain.short_none_fits": "As of {as_of}, none of the BOP's criteria or the court's "
        "listed grounds fits what you told me yet.",
        "explain.next_step": "Next step: {step}",
        "explain.next_date": "Next date: {day}: {description}",
        # The summary the family confirms (bot.screening.facts, actions.screening).
        "screening.nothing_yet": "(nothing yet)",
        "screening.summary_line": "{label}: {answer}",
        "screening.answer.yes": "yes",
        "screening.answer.no": "no",
        "screening.answer.not_sure": "not sure",
        "screening.answer.federal_court": "a federal court",
        "screening.answer.state_court": "a state court",
        "screening.answer.state_court_of": "a state court ({state})",
        "screening.answer.dc_court": "D.C. Superior Court (a D.C. Code offense)",
        "screening.answer.after_1987": "on or after November 1, 1987",
        "screening.answer.before_1987": "before November 1, 1987",
        "screening.answer.year_before_1987": "in {year} (before November 1, 1987)",
        "screening.answer.year_after_1987": "in {year} (after November 1, 1987)",
        "screening.answer.life": "life",
        "screening.answer.one_year": "{years} year",
        "screening.answer.years": "{years} years",
        "screening.answer.one_month": "{months} month",
        "screening.answer.months": "{months} months",
        "screening.answer.years_and_months": "{years} and {months}",
        "screening.answer.length_in_months": "{length} ({months} months)",
        "screening.answer.self_care.none": "not at all",
        "screening.answer.self_care.limited": "only a little",
        "screening.answer.self_care.full": "yes, fully",
        "screening.answer.family.children": "their child",
        "screening.answer.family.spouse": "their spouse or partner",
        "screening.answer.family.parent": "their parent",
        "screening.answer.family.none": "none of these",
        "screening.answer.abuse.conviction": "someone was convicted",
        "screening.answer.abuse.civil_finding": "a court case found them responsible, or they "
        "admitted it",
        "screening.answer.abuse.administrative_finding": "an official investigation found it "
        "happened",
        "screening.answer.abuse.proceedings_delayed": "not yet, the case is stuck or delayed",
        "screening.answer.abuse.imminent_danger": "not yet, and they are still in danger",
        "screening.answer.abuse.not_established": "nothing yet",
        "screening.answer.not_sent": "not sent yet",
        "screening.answer.received": "received {day}",
        "screening.answer.no_denial": "no denial",
        "screening.answer.denied": "denied {day}",
        # The summary's labels, by slot (bot.screening.registry).
        "screening.label.jurisdiction": "Sentenced by",
        "screening.label.facility": "Prison",
        "screening.label.offense_era": "When the offense happened",
        "screening.label.parolable_sentence": "A sentence that allows parole",
        "screening.label.age": "Age",
        "screening.label.sentence_months": "Sentence",
        "screening.label.served_months": "Time served so far",
        "screening.label.terminal_illness": "Diagnosed with a terminal illness",
        "screening.label.life_expectancy_months": "Life expectancy the doctors gave",
        "screening.label.terminal_diagnosis_on": "Day of the terminal diagnosis",
        "screening.label.debilitating_condition": "An illness that cannot be cured and is getting worse, or an injury they will not recover from",
        "screening.label.serious_condition": "A serious health problem, or serious trouble with memory, thinking or moving around",
        "screening.label.recovery_not_expected": "The doctors do not expect them to recover",
        "screening.label.self_care": "Able to take care of themselves",
        "screening.label.bed_or_chair_over_half": "In a bed or chair more than half of the waking day",
        "screening.label.age_related_condition": "A chronic or serious illness that comes with age",
        "screening.label.deteriorating_health": "Health getting worse, making it hard to function in prison",
        "screening.label.aging_deterioration": "Body or mind getting seriously weaker because of age",
        "screening.label.treatment_no_improvement": "Treatment is not expected to help much",
        "screening.label.care_not_provided": "Needs medical care the prison is not giving",
        "screening.label.outbreak_at_facility": "An outbreak or public health emergency at the prison",
        "screening.label.outbreak_risk_factors": "Their health puts them at higher risk from it",
        "screening.label.family_situation": "Family who may need them as a caregiver",
        "screening.label.child_caregiver_lost": "The person caring for their child died or can no longer do it",
        "screening.label.only_caregiver_for_child": "They would be the only family member able to care for the child",
        "screening.label.spouse_incapacitated": "Their spouse or partner is incapacitated",
        "screening.label.only_caregiver_for_spouse": "They would be the only one able to care for the spouse or partner",
        "screening.label.parent_incapacitated": "Their parent is incapacitated",
        "screening.label.only_caregiver_for_parent": "They would be the only one able to care for the parent",
        "screening.label.abused_in_custody": "Abused in custody by staff",
        "screening.label.abuse_established_by": "Official finding about the abuse",
        "screening.label.warden_request_received": "Request to the warden",
        "screening.label.warden_denied_on": "Warden's answer",
        # The open questions of an assessment, by slot (bot.screening.registry).
        "screening.open.jurisdiction": "Which court sentenced your loved one: a federal court, a state court or D.C. Superior Court?",
        "screening.open.offense_era": "Did the offense happen on or after November 1, 1987 (or go on past that day)?",
        "screening.open.parolable_sentence": "Is the sentence one that allows parole?",
        "screening.open.age": "How old is your loved one?",
        "screening.open.sentence_months": "How long is the sentence?",
        "screening.open.served_months": "How much of the sentence has been served?",
        "screening.open.terminal_illness": "Has a doctor diagnosed a terminal illness?",
        "screening.open.debilitating_condition": "Is there an illness that cannot be cured and keeps getting worse, or an injury they will not recover from?",
        "screening.open.serious_condition": "Do they have a serious medical condition, or a serious physical or mental impairment such as dementia?",
        "screening.open.recovery_not_expected": "Do the doctors expect them to recover?",
        "screening.open.self_care": "How much can they take care of themselves?",
        "screening.open.bed_or_chair_over_half": "Are they in a bed or chair more than half of the waking day?",
        "screening.open.age_related_condition": "Do they have a chronic or serious illness that comes with age?",
        "screening.open.deteriorating_health": "Is their health getting worse, so that it is hard to function in prison?",
        "screening.open.aging_deterioration": "Is their physical or mental health getting seriously worse as they age?",
        "screening.open.treatment_no_improvement": "Have the doctors said treatment will not help much?",
        "screening.open.care_not_provided": "Do they need long-term or specialized medical care that the prison is not giving them?",
        "screening.open.outbreak_at_facility": "Is there an outbreak of a disease (such as COVID) or a declared health emergency at the prison?",
        "screening.open.outbreak_risk_factors": "Does their own health put them at high risk from it?",
        "screening.open.child_caregiver_lost": "Has the person caring for their child died or become unable to do it?",
        "screening.open.only_caregiver_for_child": "Would they be the only family member able to care for the child?",
        "screening.open.spouse_incapacitated": "Is their spouse or registered partner incapacitated?",
        "screening.open.only_caregiver_for_spouse": "Would they be the only one able to care for the spouse or partner?",
        "screening.open.parent_incapacitated": "Is their parent incapacitated?",
        "screening.open.only_caregiver_for_parent": "Would they be the only one able to care for the parent?",
        "screening.open.abused_in_custody": "Were they abused by prison staff during this sentence?",
        "screening.open.abuse_established_by": "Has the abuse been confirmed, for example by a conviction, a court case or an official investigation?",
        # What a guessed intent or FAQ topic is about (actions.fallback).
        "fallback.intent.bot_challenge": "who you are talking to",
        "fallback.intent.ask_court_deadline": "the earliest day to go to court",
        "fallback.intent.check_eligibility": "whether your loved one might qualify",
        "fallback.intent.state_prisoner": "someone serving a state sentence",
        "fallback.intent.dc_code_offender": "someone with a D.C. Code sentence",
        "fallback.intent.pre_1987_offense": "an offense from before November 1987",
        "fallback.intent.request_referral": "getting help from the Compassionate Release Clearinghouse",
        "fallback.intent.request_warden_letter": "help writing the request to the warden",
        "fallback.intent.human_handoff": "talking to a person at the organization",
        "fallback.faq.what_is_compassionate_release": "what compassionate release is",
        "fallback.faq.new_guideline": "the new compassionate-release guideline",
        "fallback.faq.first_step_act": "the First Step Act of 2018",
        "fallback.faq.examples": "examples of compassionate release",
        "fallback.faq.who_qualifies": "who may qualify for compassionate release",
        "fallback.faq.how_long": "how long it takes",
        "fallback.faq.cost": "what it costs",
        "fallback.faq.rehabilitation": "whether rehabilitation counts",
        "fallback.faq.ask_warden_first": "whether you must ask the warden first",
        "fallback.faq.list_every_reason": "putting every reason in the request to the warden",
        "fallback.faq.what_request_must_contain": "what the request to the warden must say",
        "fallback.faq.who_can_file_for_someone": "whether family can send the request for your loved one",
        "fallback.faq.thirty_day_wait": "the 30-day wait after asking the warden",
        "fallback.faq.documents_needed": "which documents you need",
        "fallback.faq.find_prison_warden": "finding your loved one's prison and its warden",
        "fallback.faq.terminal_deadlines": "what the prison must do after a terminal diagnosis",
        "fallback.faq.warden_denied": "what to do when the warden says no",
        "fallback.faq.terminal_illness": "what counts as a terminal illness",
        "fallback.faq.debilitated_condition": "a serious illness or disability that is not terminal",
        "fallback.faq.elderly": "the rules about age",
        "fallback.faq.caregiver_of_child": "children who lost their caregiver",
        "fallback.faq.spouse_or_partner": "caring for a husband, wife or partner who is very ill",
        "fallback.faq.care_not_provided": "medical care the prison is not providing",
        "fallback.faq.outbreak": "an outbreak, such as COVID, at the prison",
        "fallback.faq.abuse_by_staff": "abuse by prison staff",
        "fallback.faq.known_at_sentencing": "a reason that was already known at sentencing",
        "fallback.faq.unusually_long_sentence": "long sentences and changes in the law",
        "fallback.faq.court_motion": "how the motion in court works",
        "fallback.faq.motion_attachments": "what to attach to the motion",
        "fallback.faq.after_release": "what happens after release",
        "fallback.faq.home_confinement": "home confinement",
        "fallback.faq.elderly_home_detention": "the BOP's home detention program for older people",
        "fallback.faq.appeal_conviction": "appealing or challenging the conviction",
        "fallback.faq.clemency_expungement": "clemency, pardons or expungement",
        "fallback.faq.assign_lawyer": "whether the Clearinghouse assigns a lawyer",
        "fallback.faq.volunteer_lawyers": "who the volunteer lawyers are",
        "fallback.faq.lawyer_guarantee": "whether a lawyer means release",
        "fallback.faq.submit_a_case": "how to send a case to the Clearinghouse",
        # The notes that come with the draft to the Warden (bot.drafts.warden_request); the
        # letter itself stays in English.
        "drafts.note.keep_a_copy": "Keep a copy of the signed request and of everything you "
        "attach.",
        "drafts.note.received_day": "Write down the day the Warden receives it (hand it to staff "
        "and ask for a dated receipt, or send it by certified mail with a return receipt).",
        "drafts.note.count_from_receipt": "{received_day} The 30 days before your loved one may "
        "go to court are counted from the day after the Warden receives it, not from the day it "
        "was sent; if the 30th day is a weekend or holiday, the wait runs to the next business "
        "day, and the first safe day to file is the day after. Tell me the day and I will work it "
        "out [18 U.S.C. § 3582(c)(1)(A); Fed. R. Crim. P. 45(a); BOP Program Statement 5050.50 "
        "§ 2].",
        "drafts.note.every_reason": "Include every reason and every diagnosis that may apply, "
        "even ones you are unsure of: some courts refuse a reason the Warden never saw. If a new "
        "reason comes up later, send a new request [United States v. Williams, 987 F.3d 700 (7th "
        "Cir. 2021)].",
        "drafts.note.keep_the_proof": "{received_day} Keep the proof with your copy [BOP Program "
        "Statement 5050.50 § 2].",
        "drafts.note.every_reason_old_law": "Include every reason and every diagnosis that may "
        "apply, even ones you are unsure of.",
        "drafts.note.old_law_motion": 'On an "old law" sentence the request asks the BOP to move '
        "the court to reduce the minimum term, so that the Parole Commission can consider parole "
        "at once; only the BOP can bring that motion, and the Parole Commission then decides on "
        "release [18 U.S.C. § 4205(g); 28 CFR 571.60].",
        # What the channels themselves say (bot.channels).
        "channels.turn_timeout": "This is taking longer than it should. Please send your message "
        "again.",
        "channels.turn_failed": "Something went wrong on our side. Please send your message again.",
        "channels.erase_failed": "I could not erase our conversation just now. Nothing was "
        "deleted. Please try again in a minute.",
        "channels.save_failed": "I'm sorry, something went wrong on my side and I could not keep "
        "your last message. Please send it again in a minute.",
        "channels.too_many": "You're sending messages faster than I can read them. Please wait a "
        "moment, then send your message again.",
        "channels.too_large": "That message is too long to send in one go.",
        "channels.failed": "Something went wrong on our side. Please try again.",
        # What the Telegram channel says itself (bot.channels.telegram.replies).
        "telegram.command.start": "Start, or say hello again",
        "telegram.command.help": "What I can do, and these commands",
        "telegram.command.restart": "Start our conversation over",
        "telegram.command.forget": "Erase this conversation from our records",
        "telegram.command.person": "How to reach a person at the organization",
        "telegram.help": "I'm an automated assistant for families of people in U.S. federal "
        "prison who want to understand compassionate release. Just write your question in your "
        'own words, for example "who can qualify?", "what must the request to the warden say?" '
        'or "the warden got the request on Jan 10, when can we go to court?".\n\n'
        "Commands:\n{commands}\n\n"
        "I give general information, not legal advice: I am not a lawyer and not a court.",
        "telegram.command_line": "/{name} - {description}",
        "telegram.unknown_command": "I don't know that command. Send /help to see what I can do.",
        "telegram.not_text": "I can only read typed messages: I can't open photos, files, voice "
        "messages, stickers or locations. Please type your question. For your privacy, please "
        "don't send documents here.",
        "telegram.edited": "I only read new messages, not edited ones. If you changed something, "
        "please send it again as a new message.",
        "telegram.private_only": "For your privacy I only talk in private chats. Please open a "
        "private chat with me and write there.",
        "telegram.button_expired": "That button no longer works. Please type your answer instead.",
        "telegram.sorry": "I'm sorry, something went wrong on my side and I couldn't answer "
        "that. Please try again in a moment.",
        "telegram.choose": "Please choose:",
        # The "did you mean ...?" buttons (actions.fallback).
        "fallback.yes": "Yes",
        "fallback.something_else": "No, something else",
    }
)
