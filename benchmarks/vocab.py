"""Word lists for the synthetic corpus: common English, field vocabulary, names and places."""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


# Most frequent spoken-English words, roughly in frequency order (rank drives Zipf weight).
COMMON = _words(
    """
the and to I of a that it we you was in so is they but for on with have be just not
this what there at are like about um really think know do were all been had would if
one people them our or can because lot very get when as out then from more going some
got quite which who us by there's it's don't that's they're we're an me my he she his
her its said say well yeah mean time work things something way back also much year
years how now first other only new could should make made go see did thing different
kind sort actually probably good right bit still never always often sometimes maybe
into over after before where why these those any every each many most few same own
long little big small hard easy whole part end point start week month day today come
take give find tell feel try keep let put seem help show need want use call ask
"""
)

# Field vocabulary: voluntary-sector work in criminal justice (commissioning, prisons...).
FIELD = _words(
    """
commissioning commissioners commissioned tender tendering contract contracts
prison prisons prisoners probation service services volunteers volunteer volunteering
partnership partnerships funding funders funded grant grants trust trusts charity
charities organisation organisations sector voluntary statutory provider providers
offenders offender resettlement rehabilitation release custody sentence sentences
court courts magistrates police housing accommodation employment training education
mentoring mentors mentor caseworker caseworkers caseload referrals referral outcomes
targets evaluation evidence monitoring reporting compliance governance board trustees
budget budgets cuts austerity reform reforms ministry policy framework procurement
bid bids bidding subcontract subcontractor subcontracting prime primes consortium
delivery deliver delivering staff staffing recruitment retention wellbeing trauma
mental health substance misuse addiction recovery families family children women
youth young community communities local authority council estate wing governor
officers officer regime lockdown visits visitor security vetting clearance access
relationship relationships trust culture leadership strategy capacity sustainability
"""
)

# Fixed collocations, so phrase queries have real hits.
PHRASES = [
    "probation service",
    "through the gate",
    "payment by results",
    "local authority",
    "criminal justice",
    "community rehabilitation company",
    "voluntary sector",
    "prison governor",
    "mental health",
    "short term funding",
    "lived experience",
    "social value",
]

FIRST_NAMES = _words(
    """
Marguerite Tomasz Aisha Declan Priya Gareth Siobhan Kwame Bronwen Farhan Imogen Callum
Nadia Rhys Yasmin Eamon Leonie Oluwaseun Harriet Dominic Ffion Jamal Beatrix Ciaran Zara
Lachlan Ingrid Ravi Morwenna Desmond Sunita Alasdair Wioletta Kofi Rosalind Hamish Amara
Fergus Delphine Tariq Philippa Niamh Conor Ayesha Barnaby Marisol Idris Gwen Rashid Eleanor
"""
)

SURNAMES = _words(
    """
Castellano Okafor Pritchard MacLeod Nowak Haddad Fitzgerald Brennan Achterberg Llewellyn
Mensah Kowalczyk Ramsay Ibrahim Thackeray Quigley Oyelaran Sutherland Baptiste Delacroix
"""
)

PLACES = _words(
    """
Ashgrove Halbury Wetherfield Kingsmoor Brackenfell Stourbridge Eastholme Marlowgate
Tynecastle Penhallow Ravensworth Oakleigh
"""
)

QUESTION_OPENERS = [
    "Could you tell me about",
    "How did",
    "What was it like when",
    "Why do you think",
    "Can you say more about",
    "Where does",
    "What happened with",
    "How would you describe",
    "Who decides on",
    "What difference did",
]
