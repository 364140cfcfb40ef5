"""Labelled interview sentences for the name benchmark: [[kind:text]] marks each identifier.

Kinds: name, email, url, handle, phone, postcode, ni_number, nhs_number, prison_number, and
other (organisations and places: flagging them is welcome, not required). Written for this
benchmark in the style of UK criminal-justice voluntary-sector interviews; every person, number
and address is invented. Unmarked text must not be flagged.
"""

from __future__ import annotations

IN_PASSING = """
Our finance director, [[name:Gurpreet Sandhu]], basically holds the whole thing together.
I spoke to [[name:Bernadette]] about it and she said leave it with her.
We had a caseworker, [[name:Tendai Moyo]], who knew every landing in that prison.
So [[name:Declan]] rang me the night before and said the session was off.
The manager there, [[name:Agnieszka Wiśniewska]], was really supportive of the mentoring.
I think [[name:Femi]] was the one who first pushed for the consortium bid.
Honestly, [[name:Siobhan Keane]] did more for that project than anyone in the building.
We brought in [[name:Rahul Mehta]] from the council to look at the figures.
[[name:Kwabena]] and I went to the gate on the day of release.
When [[name:Delroy Campbell]] left, the whole volunteer programme wobbled for a year.
It was [[name:Niamh]] who spotted the gap in the through-the-gate provision.
My colleague [[name:Tomasz Zieliński]] handles all the referrals from probation now.
I had a long chat with [[name:Yasmin Choudhury]] before the tender went in.
Then [[name:Chidinma Eze]] took over the women's group and numbers doubled.
I remember [[name:Patrick Dunne]] saying we'd never get the contract.
The evaluation was done by [[name:Ruth Ogunleye]] and it was brutal, to be fair.
We lost [[name:Imran]] to the NHS trust, they pay a lot better.
[[name:Winston]] has been volunteering with us for eleven years now.
Before that I worked under [[name:Marek Kowalski]] at a housing association.
And then [[name:Aoife]] from the youth service came along with her own plan.
[[name:Shabnam Akhtar]] runs the family visits, and she's brilliant at it.
I was with [[name:Ifeoma]] when we heard the funding had gone.
We had a lad, [[name:Callum]], who'd been in and out since he was fifteen.
If you ask [[name:Dorota]] she'll tell you the prison never returned her calls.
[[name:Sanjay Patel]] chaired the partnership board for the first two years.
I used to share an office with [[name:Hyacinth Grant]] at the old place.
My line manager, [[name:Eilidh Fraser]], said we couldn't take the money.
We asked [[name:Oluwadamilare Adeyemi]] to sit on the steering group.
It was [[name:Mohammed Iqbal]] who negotiated the subcontract with the prime.
Last year [[name:Gráinne]] wrote most of the bid on her own.
[[name:Beverley]] was our volunteer coordinator until the cuts.
You'd need to speak to [[name:Kofi Asante]] about the data side of things.
I trained alongside [[name:Bartosz]], who now works for the probation service.
We got a call from [[name:Precious Dube]] saying the prison had locked down.
[[name:Harjit]] used to do the advice sessions on a Tuesday.
One of our mentors, [[name:Errol Thompson]], had done time himself.
There was a governor, [[name:Fiona Mackintosh]], who really got what we did.
I'd trust [[name:Ciarán]] with anything, he's been through it all.
[[name:Nasreen]] set up the helpline almost single-handedly.
We were introduced to [[name:Adaeze Okonkwo]] through the reducing reoffending network.
[[name:Lukasz]] does the driving for the family visits.
The chief exec, [[name:Angela Blackwood]], refused to sign the contract.
I rang [[name:Tariq]] straight away and he came down.
So [[name:Joanna Nowicka]] and I drafted the response together.
[[name:Wanjiru]] joined us from a charity in [[other:Nairobi]].
Our chair, [[name:Geoffrey Ashworth]], is a retired magistrate.
We recruited [[name:Parveen]] as a peer mentor after she finished her licence.
I heard from [[name:Leon]] that the wing had been closed for a fortnight.
[[name:Bogdan Popescu]] translates for the Romanian lads on the wing.
Me and [[name:Shireen]] do the outreach on a Thursday.
She'd worked with [[name:Kieran O'Sullivan]] at the drug service before.
Our trustee [[name:Abimbola Bankole]] raised it at the board meeting.
I think [[name:Nadia]] still has the spreadsheet somewhere.
[[name:Deepak]] and [[name:Sunita]] run the employment project between them.
When I started, [[name:Maureen Gallagher]] was the only paid member of staff.
It was [[name:Jerome]] who first told me about payment by results.
The lady from the council, [[name:Harpreet]], was actually really helpful.
My deputy, [[name:Krzysztof]], does the security clearance paperwork.
We used to meet [[name:Olumide]] for coffee before the partnership meetings.
[[name:Sinéad Brennan]] took the lead on the consortium.
A prison officer called [[name:Darren]] used to let our volunteers in early.
I emailed [[name:Aisling]] and never heard a thing back.
[[name:Rukhsana]] does the mums' group on a Friday morning.
Our founder, [[name:Clement Boateng]], started it in his front room.
I sat down with [[name:Ewa]] and we went through every single case.
It was [[name:Pradeep]] from the housing team who found the flats.
[[name:Marcia]] had the best relationship with the probation officers.
We took on [[name:Jamal Hussain]] as an apprentice after his release.
I was mentored by [[name:Kathleen Doherty]] when I first came into the sector.
[[name:Ngozi]] wrote the evaluation framework for us.
So I phoned [[name:Wojtek]] and said look, we need a van by Monday.
Do you know [[name:Rosalind Achebe]]? She set up the women's centre.
We had a brilliant volunteer, [[name:Dermot]], who ran the chess club.
[[name:Anjali Sharma]] from the foundation came to visit the project.
I worked with [[name:Jadwiga]] on the Polish-speaking prisoners' project.
The new commissioner, [[name:Trevor Hughes]], wanted everything on one page.
[[name:Kemi]] and [[name:Tunde]] run the music sessions between them.
"""

TITLES = """
We met [[name:Mrs Okoro]] at the job centre in the end.
[[name:Dr Raghavan]] said the health needs assessment was out of date.
I went to see [[name:Father Doherty]] at the chaplaincy.
[[name:Sister Bernadette]] used to visit the women every week.
[[name:DS Kowalczyk]] came to the multi-agency meeting.
It was [[name:PC Ahmed]] who brought him back to the hostel.
[[name:Cllr Mbeki]] asked why the service had closed.
We wrote to [[name:Lord Ashby]] about the funding.
[[name:Rev. Adebayo]] hosts the drop-in at the church hall.
I had a meeting with [[name:Ms Kaczmarek]] from the probation service.
[[name:Professor Whitfield]] evaluated the pilot for us.
[[name:Mr O'Hare]] was the governor back then.
[[name:Canon Pemberton]] chairs the trustees.
We got a letter from [[name:Dame Elizabeth Worsley]].
[[name:Imam Siddiqui]] came in for the Friday prayers.
[[name:Sgt Llewellyn]] was our liaison at the station.
"""

AMBIGUOUS = """
I asked [[name:Grace]] to take the minutes.
[[name:Hope Baptiste]] runs the peer support group now.
We have a volunteer called [[name:Will]] who does the gardening.
[[name:Mark Evans]] said we should go for the contract.
I told [[name:Rose]] we'd be late.
[[name:Bill]] said he couldn't come in on the Monday.
I think [[name:Frank Mullen]] knows the chaplain there.
[[name:Amber]]'s team handles the housing referrals.
It was [[name:Joy Nwachukwu]] who wrote the bid.
[[name:Dawn]]'s been with us since the start.
Hope is the thing that keeps people going, really.
Will we get the money next year? Nobody knows.
Grace periods on the rent arrears are getting shorter.
Mark my words, the contract will go to one of the big primes.
Frank conversations with the governor helped a lot.
Joy is not a word I'd use about the commissioning process.
Bill payments are a huge worry for people coming out.
Rose gardens and allotments, that's what the green project does.
Dawn raids are not something our clients need reminding of.
Faith groups have always been part of the prison chaplaincy.
We'll see. Hope so anyway.
Sunny days, the lads would do the gardening project outside.
Guy Fawkes night was always tricky for the hostel.
"""

INITIALS_POSSESSIVES = """
[[name:J. Okafor]] signed the memorandum of understanding.
I spoke to [[name:K. Mahmood]] at the council.
[[name:Thandiwe]]'s caseload is over sixty now.
We used [[name:Patrycja]]'s notes for the report.
[[name:Gareth]]'s view was that we should walk away.
I read [[name:Anil]]'s email twice before replying.
That was [[name:Fatima Begum]]'s idea, not mine.
"""

DETECTORS = """
You can reach me on [[email:g.sandhu@northgate-rehab.org.uk]] any time.
Her address was [[email:zoë.müller@bürgerhilfe.de]] I think.
Send it to [[email:o'neill.k@brightpath.charity]] and copy me in.
He's [[handle:@TonyDaleRehab]] on Twitter, if you want to look.
Follow us at [[handle:@open_doors_ldn]] for updates.
Her Mastodon is [[handle:@kasia@mastodon.social]] now.
The site is [[url:www.second-chance-arts.org.uk]] if you want to see it.
We put the report on [[url:https://example-trust.org/reports/2024]] last month.
Look at [[url:freshgrounds.coffee]] for the social enterprise.
The portal is [[url:referrals.brightpath.charity/login]] now.
Just google them, their site is [[url:hopeworks.london]] I think.
Ring me on [[phone:07700 900456]] if you need anything.
The office number is [[phone:0161 496 0219]].
Call [[phone:+44 (0)20 7946 0958]] and ask for the duty worker.
You can text [[phone:07700-900-781]] out of hours.
Our freephone is [[phone:0808 157 0123]].
It's [[phone:(028) 9018 0456]] for the [[other:Belfast]] office.
The hostel is at [[postcode:LS11 5QR]], just off the ring road.
We moved the office to [[postcode:M14 7HW]] last spring.
Post it to [[postcode:BS5 9AB]] and mark it private.
His NI number was [[ni_number:AB 12 34 56 C]], I had to write it down.
I had her National Insurance, [[ni_number:JT123456A]], on the form.
His NHS number, [[nhs_number:626 018 1590]], was on the discharge letter.
The GP had [[nhs_number:4223307924]] as her NHS number.
Prison number [[prison_number:A1234BC]], if you need to book a visit.
We wrote [[prison_number:G7721KD]] on the visiting order.
The figures are in notes.docx and the budget is in budget-2024.xlsx.
We met at 10.30am, e.g. before the wing opened, i.e. before unlock.
It ended.Then we started again the next week.
Turnover was about £1.9m, with 42 staff and 120 volunteers.
The reference number is 7301661318, but that's the contract not a person.
The case number was 2023/04/117, on the contract paperwork.
Version 2.3 of the framework came out in 2019.
Section 12.3.4 of the contract covers data sharing.
"""

NO_NAMES = """
Funding was cut by about a third in the second year.
Probation were completely overwhelmed after the reforms.
Prisons just don't have the staff to unlock people for sessions.
Commissioners wanted outcomes we couldn't possibly evidence.
Transforming Rehabilitation was a disaster for small charities like us.
We work closely with [[other:Clinks]] and the National Probation Service.
The Ministry of Justice never really understood the voluntary sector.
HMPPS changed the rules on security clearance twice in a year.
A lot of our lads are on Subutex or methadone when they come out.
Spice was everywhere on the wings at that point.
Naloxone kits are handed out on release now.
Some of them were prescribed Buprenorphine in custody.
We applied to the [[other:Lottery]] and the [[other:Henry Smith Charitable Trust]].
The [[other:Big Lottery Fund]] paid for the first three years.
[[other:Nacro]] and [[other:St Giles Trust]] were the big players in our area.
[[other:Catch22]] got the contract in the end.
The [[other:Howard League]] published something on that.
We're based in [[other:Leeds]] but work across [[other:West Yorkshire]].
Most of our referrals come from [[other:HMP Wandsworth]] and [[other:Pentonville]].
We run a project in [[other:Manchester]] and one in [[other:Salford]].
The women come from all over the North West.
Payment by Results was supposed to reward innovation.
Through the Gate never really worked as designed.
Community Rehabilitation Companies took over most of the work.
Police and Crime Commissioners fund some of our work.
The Local Authority took the housing contract back in-house.
Universal Credit has made resettlement so much harder.
The Probation Service wanted weekly returns.
Housing First is the model we'd love to run.
Mental Health Treatment Requirements are barely used here.
[[other:Alcoholics Anonymous]] and [[other:Narcotics Anonymous]] meet in our building.
We use Zoom for the supervision sessions now.
Everything goes on a Google Sheet and then into Excel.
Christmas is always the hardest time for families.
During Ramadan we change the timings of the group.
Monday mornings are chaos with the releases from court.
Absolutely, that's exactly what happened.
Yeah, no, I mean, it's complicated.
Honestly? Partnership isn't easy.
Trustees were nervous about the risk.
Volunteers are the backbone of what we do.
Evidence is everything to commissioners now.
Governors come and go, and each one has a different view.
Lockdown meant no visits for months.
Security clearance took six months for one of our volunteers.
Safeguarding is always the first item on the agenda.
Resettlement starts the day someone arrives, not the day they leave.
Restorative Justice is something we'd like to do more of.
The Parole Board hearing was delayed again.
Crown Court sentences have got longer, that's for sure.
The Magistrates were sympathetic, to be fair.
[[other:Citizens Advice]] helped with the benefits side.
[[other:Age UK]] and Mind both have projects in the prison.
[[other:Shelter]] did the housing advice for a while.
Public Health England funded the drug work for a bit.
The Youth Offending Team refers young people to us.
Approved Premises don't take people with arson convictions.
The Offender Manager didn't return my calls.
Social Services got involved because of the children.
We wrote to the Secretary of State about it.
Parliament debated it but nothing changed.
Brexit hit our European funding hard.
The English Baccalaureate doesn't mean much to our learners.
Black and minority ethnic men are overrepresented in custody.
Muslim chaplains do a lot of informal mentoring.
Polish prisoners often have no one to visit them.
Irish Travellers face a lot of discrimination inside.
Caribbean elders started the mentoring circle.
We had a Christian charity doing the visitors' centre.
Subutex diversion was a big problem on the wing.
The [[other:Prison Reform Trust]] report was damning.
Category B prisons are the hardest to get into.
The Victoria line was down so I was late.
[[other:Birmingham]] and [[other:Solihull]] share a commissioning team.
Wales has a different system, with the Welsh Government.
Scotland doesn't have the same probation split.
Stop. Think. That's the message of the group.
Right, so, where do I start?
Okay. Good question.
Sorry, can you repeat that?
"""

SECTIONS = {
    "in passing": IN_PASSING,
    "titles": TITLES,
    "ambiguous": AMBIGUOUS,
    "initials and possessives": INITIALS_POSSESSIVES,
    "detectors": DETECTORS,
    "no names": NO_NAMES,
}

# Written after the detectors were tuned on the sections above, and never tuned on: its figures
# are reported apart, as the fairer estimate for transcripts nobody has seen.
HELD_OUT = """
The housing officer, [[name:Mairead Quinn]], found him a room the same afternoon.
I was on the phone to [[name:Stanisław]] for an hour about the transport.
[[name:Chiamaka]] set up the women's circle in the first place.
We had a lovely man, [[name:Desmond Walcott]], who did the woodwork with them.
So I said to [[name:Raj]], look, we can't keep carrying the loss on this.
It was [[name:Ailsa]]'s idea to hold the meeting at the library.
Our operations lead, [[name:Babajide Ogunbiyi]], rewrote the whole referral pathway.
I think [[name:Keisha]] would tell you the same thing.
[[name:Zofia Lewandowska]] from the council came to every single steering group.
The chaplain, [[name:Father Okeke]], was the one who opened doors for us.
I remember [[name:Bronagh]] crying when the contract went.
[[name:Nikhil Joshi]] did the data returns until he left.
You'd have to ask [[name:Ms Achterberg]] about the clearance backlog.
I got a text from [[name:Lerato]] saying the van had broken down again.
We worked really closely with [[name:Dariusz]] at the foodbank.
[[name:Colm Fitzpatrick]] had run a hostel for twenty years before he joined us.
[[name:Hope]] said she'd cover the Thursday session.
I asked [[name:Will Okonjo]] to take over the mentoring rota.
[[name:Rose]]'s caseload was just too big by then.
Me and [[name:Abdirahman]] used to do the prison visits together.
The trustee who pushed hardest was [[name:Marjorie Pilkington]].
[[name:Joseph Mensah-Bonsu]] chairs the local network now.
We met [[name:Inspector Gallagher]] at the community safety meeting.
[[name:Yusuf]] and [[name:Hamza]] came through the peer mentoring scheme.
[[name:Teodora]] translates for the Romanian families.
Everybody loved [[name:Auntie Pat]], she ran the tea bar for years.
Contact me on [[email:m.quinn@riverside-housing.org.uk]] or [[phone:0113 496 0871]].
His prison number was [[prison_number:K4412TR]] and he was on B wing.
Send the forms to [[postcode:NE1 4XD]], marked confidential.
Our page is [[url:facebook.com/northstarmentoring]] and we post there a lot.
I'm [[handle:@sam_outreach]] on Instagram if that helps.
The NHS number on the letter was [[nhs_number:7314366764]].
Funding came mostly from the trusts and foundations, not the state.
Rehabilitation is a word that gets thrown around a lot.
Probation officers are drowning in paperwork, honestly.
Commissioning rounds come every three years and each one is a gamble.
Subutex and methadone scripts get interrupted on transfer.
The Parole Board wanted a report from us, which was a first.
Universal Credit claims take five weeks, so people leave with nothing.
Employers are nervous about convictions, even spent ones.
Good question. Let me think.
Recovery cafés have popped up all over the North East.
Sometimes the prison just says no, and that's that.
Nobody from the Ministry ever came to see the project.
Brilliant, thanks. Anything else?
Grace and dignity, that's what the women deserve.
Frankly the contract was never going to work.
Will it last? I doubt it.
The Bill came round about the stolen bike, as usual.
Mark the date in your diary, because it's the last session.
"""

HELD_OUT_SECTIONS = {"held out": HELD_OUT}
