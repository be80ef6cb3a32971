import { expect, test } from 'vitest'
import { type ClauseIdentity, matchClauseIds } from '../../src/source/match-clauses.ts'

// A clause keeps its id through a history: the heading may change, the clause is the same.
const cookies = 'We use cookies to keep you signed in and to remember your settings between visits to the site'
const sharing = 'We share your account data with the payment processor that handles your subscription and nobody else'
const before: ClauseIdentity[] = [
  { id: 'cookies', title: 'Cookies', text: cookies },
  { id: 'sharing', title: 'Sharing', text: sharing },
]
const proposed = (title: string, body: string, id = title.toLowerCase().replace(/[^a-z]+/g, '-')) => ({ proposed: id, title, text: body })

test('a clause whose heading gives the id it had keeps it, whatever its text', () => {
  expect(matchClauseIds(before, [proposed('Cookies', 'Entirely new words about something else altogether here'), proposed('Sharing', sharing)])).toEqual(['cookies', 'sharing'])
})

test('a retitled clause keeps its id when its text is the same clause’s', () => {
  expect(matchClauseIds(before, [proposed('Cookies and similar technologies', cookies), proposed('Who we share it with', `${sharing} at all`)])).toEqual(['cookies', 'sharing'])
})

test('a clause whose heading is the one a clause had keeps that clause’s id (one kept through an earlier retitle)', () => {
  const kept: ClauseIdentity[] = [{ id: 'cookies', title: 'Cookies and tracking', text: cookies }]
  expect(matchClauseIds(kept, [proposed('Cookies and tracking', 'Rewritten from the first word to the last one, nothing is left of it')])).toEqual(['cookies'])
})

test('a new text under a new heading is a new clause, and the id of a removed clause is not given to it', () => {
  expect(matchClauseIds(before, [proposed('Retention', 'We keep logs for ninety days and then delete them for good'), proposed('Sharing', sharing)])).toEqual(['retention', 'sharing'])
})

test('a text is alike when half its words or more are shared, not less', () => {
  const words = cookies.split(' ')
  // 18 words before; 9 of them kept and 9 new: Dice 2·9/(18+18) = 0.5.
  const half = [...words.slice(0, 9), ...'one two three four five six seven eight nine'.split(' ')].join(' ')
  const less = [...words.slice(0, 8), ...'one two three four five six seven eight nine ten'.split(' ')].join(' ')
  expect(matchClauseIds(before, [proposed('Renamed', half)])).toEqual(['cookies'])
  expect(matchClauseIds(before, [proposed('Renamed', less)])).toEqual(['renamed'])
})

test('of two clauses alike, the nearer in place keeps the id; the other takes its heading’s', () => {
  const same = [{ id: 'first', title: 'First', text: cookies }]
  expect(matchClauseIds(same, [proposed('One', cookies), proposed('Two', cookies)])).toEqual(['first', 'two'])
  const second = [{ id: 'filler', title: 'Filler', text: sharing }, { id: 'second', title: 'Second', text: cookies }]
  expect(matchClauseIds(second, [proposed('Zero', 'nothing in common with anything at all here'), proposed('One', cookies), proposed('Two', cookies)])).toEqual(['zero', 'second', 'two'])
})

test('a heading that gives the id of the version before takes it, and the retitled text that had it takes its own heading’s', () => {
  // "Cookies" now heads a new text; the cookie text moved under "Tracking": the heading wins.
  expect(matchClauseIds(before, [proposed('Tracking', cookies), proposed('Sharing', sharing), proposed('Cookies', 'A short new note on cookies that says little of anything')])).toEqual(['tracking', 'sharing', 'cookies'])
})

test('of two clauses of the version before alike to a retitled one, the more alike gives it its id, whatever their order', () => {
  const words = sharing.split(' ')
  // Two thirds of the sharing text against all of it: the second clause of the version before is the more alike.
  const partly: ClauseIdentity[] = [
    { id: 'partly', title: 'Partly', text: [...words.slice(0, 12), ...'one two three four five six'.split(' ')].join(' ') },
    { id: 'wholly', title: 'Wholly', text: sharing },
  ]
  expect(matchClauseIds(partly, [proposed('Renamed', sharing)])).toEqual(['wholly'])
  expect(matchClauseIds([...partly].reverse(), [proposed('Renamed', sharing)])).toEqual(['wholly'])
})

test('clauses of a few words are recognised by their heading', () => {
  const short: ClauseIdentity[] = [{ id: 'contact-us', title: 'Contact us', text: 'Write to us' }]
  expect(matchClauseIds(short, [proposed('How to contact us', 'Call us')])).toEqual(['contact-us'])
  expect(matchClauseIds(short, [proposed('Licence', 'Call us')])).toEqual(['licence'])
})

test('without a version before, every clause takes its heading’s id', () => {
  expect(matchClauseIds([], [proposed('Cookies', cookies)])).toEqual(['cookies'])
})

test('a new clause whose heading gives the id of another, kept through a retitle, does not take it from the clause whose heading and text it is', () => {
  const kept: ClauseIdentity[] = [
    { id: 'cookies', title: 'Tracking technologies', text: cookies },
    { id: 'sharing', title: 'Sharing', text: sharing },
  ]
  const current = [proposed('Cookies', 'Entirely new words about something else altogether here'), proposed('Tracking technologies', cookies), proposed('Sharing', sharing)]
  expect(matchClauseIds(kept, current)).toEqual(['cookies-2', 'cookies', 'sharing'])
})
