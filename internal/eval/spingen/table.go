package spingen

import (
	"fmt"
	"sort"
	"strings"
)

// synonymText is the project's own substitution table: a common news word or
// phrase (lower case), a colon, and one to four replacements a mechanical
// spinner would use. Replacements keep the word's part of speech and form.
const synonymText = `
said: stated, noted, remarked
says: states, notes, remarks
told: informed, advised
added: included, appended
asked: requested, queried
big: large, huge, massive
large: big, sizeable, substantial
small: little, tiny, modest
help: assist, aid, support
helped: assisted, aided
helping: assisting, aiding
show: demonstrate, display, reveal
showed: demonstrated, displayed, revealed
shows: demonstrates, displays, reveals
important: crucial, vital, significant
buy: purchase, acquire
bought: purchased, acquired
attack: assault, strike, offensive
attacks: assaults, strikes
people: individuals, persons, folks
country: nation, state
countries: nations, states
begin: commence, start
began: commenced, started
start: begin, commence
started: began, commenced
end: finish, conclusion
ended: finished, concluded
ending: finishing, concluding
need: require, demand
needs: requires, demands
needed: required, demanded
use: employ, utilize
used: employed, utilized
get: obtain, acquire, receive
got: obtained, received
give: provide, offer, grant
gives: provides, offers
make: create, produce
made: created, produced
making: creating, producing
want: wish, desire
wanted: wished, desired
think: believe, consider
thinks: believes, considers
know: understand, realize
knew: understood, realized
try: attempt, seek
tried: attempted, sought
find: discover, locate
found: discovered, located
keep: retain, maintain, preserve
kept: retained, maintained
leave: depart, exit, abandon
left: departed, exited
move: shift, relocate
moved: shifted, relocated
moving: shifting, relocating
meet: encounter, convene
met: encountered, convened
meeting: gathering, session, assembly
talks: discussions, negotiations, dialogue
talk: speak, converse
talking: speaking, conversing
job: position, post, role
jobs: positions, posts, roles
work: labor, toil
worker: employee, laborer
workers: employees, laborers, staff
company: firm, business, corporation
companies: firms, businesses, corporations
government: administration, authorities
official: officer, functionary
officials: authorities, officers
leader: head, chief
leaders: heads, chiefs
president: head, chairman
city: town, metropolis
town: city, township, village
home: house, residence, dwelling
homes: houses, residences, dwellings
house: home, residence
money: funds, cash, capital
cost: price, expense
costs: prices, expenses
price: cost, rate
prices: costs, rates
pay: compensate, remunerate
paid: compensated, remunerated
rise: increase, climb, growth
rose: increased, climbed
raise: increase, boost, lift
fall: drop, decline, decrease
fell: dropped, declined
cut: reduce, slash, trim
cuts: reductions, slashes
increase: rise, growth, boost
decrease: decline, drop, reduction
plan: scheme, proposal, strategy
plans: schemes, proposals, strategies
problem: issue, difficulty, trouble
problems: issues, difficulties, troubles
issue: matter, question, problem
question: query, matter
answer: reply, response
change: alteration, shift, modification
changes: alterations, shifts, modifications
deal: agreement, pact, accord
agreement: deal, accord, pact
law: legislation, statute
rules: regulations, guidelines
rule: regulation, guideline
war: conflict, hostilities
fight: battle, struggle
fighting: battling, struggling
kill: slay, murder
killed: slain, murdered
die: perish, expire
died: perished, passed away
death: demise, passing
deaths: fatalities, casualties
hurt: injured, harmed
damage: harm, destruction, ruin
damaged: harmed, ruined
destroyed: demolished, wrecked, ruined
build: construct, erect
built: constructed, erected
building: structure, edifice
fix: repair, mend
fixed: repaired, mended
repair: fix, restore, mend
repairs: fixes, restorations
opened: launched, unveiled
closed: shut, sealed
closing: shutting, sealing
stop: halt, cease, end
stopped: halted, ceased
stay: remain, linger
stayed: remained, lingered
allow: permit, enable, let
allowed: permitted, enabled
let: allow, permit
warn: caution, alert
warned: cautioned, alerted
warning: caution, alert
urge: press, encourage
urged: pressed, encouraged
call: request, appeal
called: requested, dubbed
expect: anticipate, foresee
expected: anticipated, projected
hope: wish, aspiration
hoped: wished, aspired
believe: think, reckon
believed: thought, reckoned
agree: concur, accept
agreed: concurred, accepted
announce: declare, proclaim
announced: declared, proclaimed, revealed
report: account, statement
reported: stated, disclosed
reports: accounts, statements
news: information, reports, tidings
statement: declaration, announcement
speech: address, talk
claim: assert, contend
claimed: asserted, contended
describe: depict, portray
described: depicted, portrayed
explain: clarify, elaborate
explained: clarified, elaborated
reach: attain, achieve
reached: attained, achieved
win: victory, triumph
won: secured, clinched
lose: forfeit, misplace
lost: forfeited, squandered
fail: flop, falter
failed: flopped, faltered
support: backing, endorsement
supported: backed, endorsed
oppose: resist, object to
opposed: resisted, objected to
protect: shield, safeguard, defend
protected: shielded, safeguarded
protecting: shielding, safeguarding
danger: peril, hazard, risk
dangerous: hazardous, perilous, risky
safe: secure, protected
safety: security, protection
risk: hazard, danger, threat
threat: menace, danger
fear: dread, anxiety
fears: worries, concerns
worried: concerned, anxious, uneasy
angry: furious, irate
happy: glad, pleased, delighted
sad: unhappy, sorrowful
good: fine, excellent, decent
bad: poor, terrible, awful
great: huge, tremendous
new: fresh, novel, recent
old: aged, elderly, former
young: youthful, juvenile
high: elevated, tall, lofty
low: reduced, minimal
long: lengthy, extended, prolonged
short: brief, concise
fast: rapid, swift, quick
quick: fast, rapid, speedy
quickly: rapidly, swiftly, speedily
slow: sluggish, gradual
slowly: gradually, sluggishly
hard: difficult, tough, challenging
easy: simple, effortless
difficult: hard, tough, challenging
strong: powerful, robust, sturdy
weak: feeble, frail, fragile
clear: obvious, evident, plain
clearly: obviously, evidently, plainly
close to: near, nearly
near: close to, nearby
far: distant, remote
whole: entire, complete, full
full: complete, entire
every: each
many: numerous, several, various
most: the majority of
several: numerous, various, multiple
some: certain, a number of
enough: sufficient, adequate
main: chief, primary, principal
major: significant, key, prominent
key: crucial, vital, essential
common: widespread, frequent, usual
rare: uncommon, infrequent, unusual
real: genuine, actual, true
true: accurate, correct, genuine
wrong: incorrect, mistaken
right: correct, proper
recent: latest, current
recently: lately, newly
early: premature, initial
late: belated, delayed
later: subsequently, afterward
soon: shortly, presently
often: frequently, regularly
again: once more, anew
also: additionally, likewise, too
however: nevertheless, nonetheless
but: yet, however
because: since, as
about: approximately, roughly, around
around: about, approximately
almost: nearly, practically
nearly: almost, virtually
very: extremely, highly, really
really: truly, genuinely
only: merely, just, solely
just: only, merely
still: yet, nevertheless
already: previously, by now
now: currently, presently
today: currently, nowadays
against: versus, opposing
during: throughout, amid
after: following, subsequent to
before: prior to, ahead of
between: among, amid
across: throughout, over
within: inside, in
without: lacking, minus
under: beneath, below
above: over, beyond
among: amid, amongst
despite: in spite of, notwithstanding
because of: due to, owing to
as well as: along with, together with
a lot of: many, plenty of, lots of
in order to: to, so as to
more than: over, in excess of
at least: no less than, a minimum of
next week: the coming week, the following week
last year: the previous year, a year ago
this year: the current year
area: region, zone, district
areas: regions, zones, districts
region: area, zone, territory
place: location, site, spot
places: locations, sites, spots
part: portion, section, piece
group: team, collective, body
family: household, clan
families: households, clans
children: kids, youngsters, minors
child: kid, youngster, minor
kids: children, youngsters
man: guy, gentleman
men: guys, gentlemen
woman: lady, female
women: ladies, females
member: participant, affiliate
members: participants, affiliates
resident: inhabitant, occupant, local
residents: inhabitants, occupants, locals
public: community, populace
crowd: throng, horde, mob
voters: electors, constituents
election: poll, vote, ballot
vote: ballot, poll
voted: balloted, polled
campaign: drive, crusade
candidate: contender, nominee
policy: strategy, approach
power: authority, control, might
control: command, regulate
force: compel, oblige
forced: compelled, obliged
troops: soldiers, forces
military: armed forces, army
weapons: arms, armaments
police: law enforcement, officers
crime: offense, wrongdoing
arrest: detain, apprehend
arrested: detained, apprehended
investigate: probe, examine, inquire into
investigation: probe, inquiry, examination
evidence: proof, indication
result: outcome, consequence
results: outcomes, findings
effect: impact, consequence
impact: effect, influence
reason: cause, motive, rationale
idea: notion, concept, thought
way: method, manner, means
ways: methods, means
chance: opportunity, possibility
goal: aim, objective, target
effort: attempt, endeavor
efforts: attempts, endeavors
attempt: try, effort, bid
decision: ruling, judgment, choice
choice: option, selection, decision
choose: select, pick, opt for
chose: selected, picked
offer: proposal, bid
offered: proposed, extended
demand: request, requirement
demands: requests, requirements
request: appeal, plea
rights: entitlements, liberties
trade: commerce, business
tariffs: duties, levies
goods: products, merchandise, wares
economy: market, finances
economic: financial, fiscal
business: commerce, trade, enterprise
businesses: firms, enterprises, companies
market: marketplace, exchange
markets: exchanges, marketplaces
shares: stocks, equities
growth: expansion, development
budget: allocation, spending plan
tax: levy, duty
taxes: levies, duties
loan: credit, advance
loans: credits, advances
bill: invoice, charge
bills: invoices, charges
fund: finance, bankroll
funds: money, resources, finances
rent: lease, rental
farmers: growers, cultivators, producers
farm: ranch, homestead
crops: harvests, produce
food: nourishment, provisions, fare
water: liquid, fluid
rain: rainfall, precipitation, showers
storm: tempest, gale
flood: deluge, inundation
flooding: inundation, deluge
fire: blaze, inferno
river: stream, waterway
road: street, route, highway
roads: streets, routes, highways
street: road, avenue
streets: roads, avenues
car: vehicle, automobile
cars: vehicles, automobiles
ship: vessel, boat
ships: vessels, boats
port: harbor, seaport
school: academy, institution
schools: academies, institutions
student: pupil, learner
students: pupils, learners
teacher: educator, instructor
teachers: educators, instructors
hospital: clinic, infirmary
doctor: physician, medic
sick: ill, unwell, ailing
health: wellness, wellbeing
care: attention, treatment
world: globe, planet, earth
international: global, worldwide
local: regional, area
national: countrywide, nationwide
foreign: overseas, external
state: nation, government
future: outlook, prospects
past: history, former times
history: past, record
story: account, tale, narrative
book: volume, publication
books: volumes, publications
word: term, expression
words: terms, expressions
letter: note, message
message: note, communication
phone: telephone, cell
call for: demand, urge
look: appear, seem
looked: appeared, seemed
see: observe, notice, view
saw: observed, noticed
seen: observed, witnessed
watch: observe, monitor
watched: observed, monitored
hear: listen to
heard: listened to
feel: sense, experience
felt: sensed, experienced
seem: appear, look
seemed: appeared, looked
become: turn into, grow
became: turned into, grew
bring: deliver, carry
brought: delivered, carried
carry: transport, convey, bear
carried: transported, conveyed
send: dispatch, transmit
sent: dispatched, transmitted
take: seize, grab
took: seized, grabbed
hold: maintain, keep
held: maintained, kept
run: operate, manage
running: operating, managing
lead: guide, head, direct
led: guided, headed
follow: pursue, trail
followed: pursued, trailed
continue: persist, proceed, carry on
continued: persisted, proceeded
remain: stay, persist
remained: stayed, persisted
return: come back, revert
returned: came back, reverted
include: comprise, incorporate
included: comprised, incorporated
including: comprising, incorporating
provide: supply, furnish, give
provided: supplied, furnished
receive: obtain, get
received: obtained, got
create: generate, produce
created: generated, produced
face: confront, encounter
faced: confronted, encountered
deny: refute, reject
denied: refuted, rejected
accept: acknowledge, embrace
accepted: acknowledged, embraced
reject: refuse, dismiss
rejected: refused, dismissed
praise: commend, applaud
praised: commended, applauded
criticize: condemn, censure
criticized: condemned, censured
criticism: condemnation, censure
block: obstruct, prevent
blocked: obstructed, prevented
prevent: avert, stop, hinder
improve: enhance, better, upgrade
improved: enhanced, bettered
reduce: lower, decrease, diminish
reduced: lowered, decreased, diminished
cause: trigger, produce
caused: triggered, produced
affect: influence, impact
affected: influenced, impacted
save: rescue, preserve
saved: rescued, preserved
check: verify, inspect
checked: verified, inspected
study: research, analysis
studies: research, analyses
expert: specialist, authority
experts: specialists, authorities
analysts: observers, experts
analyst: observer, expert
spokesman: representative, spokesperson
spokeswoman: representative, spokesperson
minister: secretary, official
ministers: secretaries, officials
mayor: city leader
chief: head, boss
director: manager, head
head: chief, leader
staff: employees, personnel, workforce
crews: teams, squads
team: squad, crew, unit
owner: proprietor, holder
owners: proprietors, holders
customers: clients, patrons, shoppers
shoppers: buyers, customers, consumers
visitors: guests, tourists
support for: backing for
enough to: sufficient to
able to: capable of, in a position to
likely: probable, expected
unlikely: improbable, doubtful
possible: feasible, conceivable
necessary: essential, required, needed
available: accessible, obtainable
serious: grave, severe, critical
severe: harsh, extreme, serious
major problem: serious issue
huge: enormous, massive, vast
tiny: minute, minuscule
empty: vacant, bare, void
busy: hectic, bustling
quiet: calm, silent, peaceful
rich: wealthy, affluent
poor: impoverished, needy
cheap: inexpensive, affordable
expensive: costly, pricey, dear
free: complimentary, gratis
fair: just, equitable, reasonable
final: last, ultimate, concluding
first: initial, earliest, opening
last: final, previous, latest
next: following, subsequent, upcoming
previous: prior, former, earlier
former: previous, ex, past
current: present, existing
different: distinct, various, diverse
similar: alike, comparable
same: identical, equal
other: different, additional
another: one more, an additional
each: every, all
entire: whole, complete
total: overall, complete
number: quantity, figure, amount
amount: quantity, sum, volume
percent: per cent, pct
thousands: many thousands
hundreds: scores
dozens: scores, many
`

// entityText lists mechanical entity renames, case-sensitive, matched on
// word boundaries. A spinner applies one replacement to every occurrence.
const entityText = `
United States: USA, US
U.S.: USA, United States
Russia: Russian Federation
United Kingdom: Britain, UK
United Nations: UN
European Union: EU
China: PRC
Britain: United Kingdom, UK
Secretary of State: Secretary
White House: US administration
`

// givenNames are first names; "Given Surname" in the text is renamed to
// "Surname" (the "Xi Jinping" -> "Jinping" mistake of mechanical spinners,
// which also hits family-name-first orders).
const givenNames = `Ada Agnes Alan Alice Alma Amara Amelia Amy Andrew Angela Anita Anna
Arkady Arthur Augustus Barbara Bartholomew Beatrice Beatrix Benjamin Bernard Brian
Carla Carlos Caroline Catherine Celeste Charles Christopher Clara Colette Colin
Connor Constance Curtis Daniel Damon David Delia Denise Dolores Donald Dorothy
Edward Elena Elizabeth Ellen Emily Emma Esperanza Evelyn Everett Ezra Felix
Franklin Gary George Gerald Gideon Gloria Gordon Gregory Gwen Hannah Harlan
Harold Harriet Helen Henry Howard Imogen Ines Irina James Jennifer Jessica Joaquin
John Jonah Joseph Josephine Julia Julian Karen Keisha Kenji Kevin Kofi Laura
Lena Leona Leonard Li Linda Lisa Lorraine Lucia Lucinda Luis Lydia Magnus
Marcus Margaret Marguerite Maria Marisol Mark Marta Martin Mary Matthew Michael
Miguel Miriam Nadia Nancy Nikhil Norman Oliver Opal Owen Patricia Paul Pavel
Peter Philippa Priscilla Priya Rafael Raj Ravi Raymond Rebecca Renata Richard
Robert Roland Rosalind Rosemary Ruth Samuel Sandra Sarah Serena Simone Stephen
Steven Sunil Susan Teodoro Theodore Thomas Timothy Tobias Tomas Victor Vladimir
Walter Wendell William Xi Yevgeny Yolanda Yvonne Zhao`

type entity struct {
	from string
	to   []string
}

var (
	synonyms    map[string][]string // lower-case word or phrase -> replacements
	maxPhrase   int                 // longest key, in words
	entities    []entity            // longest first
	givenNameOK map[string]bool
)

func init() {
	var err error
	if synonyms, maxPhrase, err = parseTable(synonymText); err != nil {
		panic(fmt.Sprintf("spingen: synonym table: %v", err))
	}
	ents, _, err := parseTable(entityText)
	if err != nil {
		panic(fmt.Sprintf("spingen: entity table: %v", err))
	}
	for k, v := range ents {
		entities = append(entities, entity{k, v})
	}
	sort.Slice(entities, func(i, j int) bool {
		if a, b := len(entities[i].from), len(entities[j].from); a != b {
			return a > b
		}
		return entities[i].from < entities[j].from
	})
	givenNameOK = map[string]bool{}
	for _, n := range strings.Fields(givenNames) {
		givenNameOK[n] = true
	}
}

// parseTable reads "key: a, b" lines. Keys must be unique; a replacement
// equal to its key, or repeated, is an error.
func parseTable(text string) (map[string][]string, int, error) {
	m := map[string][]string{}
	longest := 0
	for i, ln := range strings.Split(text, "\n") {
		ln = strings.TrimSpace(ln)
		if ln == "" {
			continue
		}
		k, v, ok := strings.Cut(ln, ": ")
		if !ok || k == "" || v == "" {
			return nil, 0, fmt.Errorf("line %d: want \"key: a, b\", got %q", i, ln)
		}
		if _, dup := m[k]; dup {
			return nil, 0, fmt.Errorf("line %d: duplicate key %q", i, k)
		}
		seen := map[string]bool{}
		var outs []string
		for _, s := range strings.Split(v, ",") {
			s = strings.TrimSpace(s)
			if s == "" || strings.EqualFold(s, k) {
				return nil, 0, fmt.Errorf("line %d: bad replacement %q for %q", i, s, k)
			}
			if seen[s] {
				continue
			}
			seen[s] = true
			outs = append(outs, s)
		}
		m[k] = outs
		if n := len(strings.Fields(k)); n > longest {
			longest = n
		}
	}
	return m, longest, nil
}

// Words returns the lower-case words and phrases the synonym table can
// replace, sorted. Synthetic corpora mix them into their vocabulary so that
// derivatives of synthetic text get substitutions too.
func Words() []string {
	out := make([]string, 0, len(synonyms))
	for k := range synonyms {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
