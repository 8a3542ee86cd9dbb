"""Statements: attribute each quotation to its speaker and to the outlet that relayed it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.quotespans import paragraphs
from kg.extract.resources import load_patterns
from kg.extract.sources import best_speaker, resolve_phrase
from kg.extract.speechacts import governing_act, resolve_acts, speech_acts
from kg.extract.state import DocState, Ent
from kg.model import Evidence

MAX_WORD_DEPTH = 2  # a one-word quotation counts when it is the complement of a speech verb ('called it "absurd"')
LEADING_CLAUSE = re.compile(r"\s*(?:asked|pressed|speaking|responding|replying|answering|commenting|writing|"
                            r"addressing|briefing|recalling|turning)\b[^,]*,\s*", re.I)
DASH_RE = re.compile(r"^\s*[\u2014\u2013\-]+\s*(.+)$")


@dataclass
class Quote:
    """A statement under construction."""

    start: int
    end: int
    parts: list[str]
    speaker: Ent | None = None
    co_speakers: list[Ent] = field(default_factory=list)  # 'the two governments said': the other party
    reporters: list[Ent] = field(default_factory=list)
    joinable: bool = False  # attribution ended with a comma: the next quote continues this one
    rule: str = ""  # the id of the attribution rule that found the speaker
    depth: int = 0  # arcs between the speech verb and the quotation, when the parse attributed it


def speech_re() -> re.Pattern:
    verbs = "|".join(sorted((re.escape(v) for v in load_patterns()["speech_verbs"] if v != "according"),
                            key=len, reverse=True))
    return re.compile(rf"\b({verbs})\b", re.I)


def outlets_in(state: DocState, start: int, end: int) -> list[Ent]:
    found = [m.ent for m in state.mentions_in(start, end, ("actor",)) if m.ent.cls == "MediaOutlet"]
    if not found and re.search(r"\b(the|this) (news agency|newspaper|outlet|daily|paper)\b", state.text[start:end]):
        prev = state.last_before(start, lambda m: m.ent is not None and m.ent.cls == "MediaOutlet")
        found = [prev.ent] if prev else []
    return found


def attribute_after(state: DocState, q: Quote, limit: int, verbs: re.Pattern) -> bool:
    """'"...," X said' or '"...," said X'."""
    post = state.text[q.end + 1:limit]
    m = re.match(r"^[\s,.!?\u2019\u201d\"']*", post)
    lead = m.end() if m else 0
    v = verbs.search(post, lead)
    if not v or len(post[lead:v.start()].split()) > 9:
        return False
    if state.sent_index(q.end + 1 + v.start()) != state.sent_index(q.end):
        return False  # the verb belongs to the next sentence
    base = q.end + 1
    if v.start() == lead:  # inverted: said X
        stop = re.search(r"[,.;]", post[v.end():])
        who_end = base + v.end() + (stop.start() if stop else len(post) - v.end())
        q.speaker = best_speaker(state, base + v.end(), who_end)
    else:
        q.speaker = best_speaker(state, base + lead, base + v.start())
    clause_end = re.search(r"[.;]|,\s*$", post[v.end():])
    tail_end = base + v.end() + (clause_end.start() if clause_end else len(post) - v.end())
    q.reporters = outlets_in(state, base + v.start(), tail_end)
    return q.speaker is not None


def sentence_subject(state: DocState, start: int, end: int, verbs: re.Pattern) -> Ent | None:
    """The subject of the clause before a quote: up to its first speech verb, after a leading
    participle clause ('Asked by reporters whether ..., the president said: "..."')."""
    lead = LEADING_CLAUSE.match(state.text, start, end)
    start = lead.end() if lead else start
    pre = state.text[start:end]
    v = verbs.search(pre)
    stop = start + (v.start() if v else len(pre))
    first = pre.strip().split(" ")[0].lower() if pre.strip() else ""
    if first in load_patterns()["pronouns"]:
        return resolve_phrase(state, first, start)
    return best_speaker(state, start, stop, relative_clauses(state, start, stop))


def relative_clauses(state: DocState, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Article spans of the relative clauses the parse finds between start and end: 'who met the crown
    prince in Jeddah on Monday but left the talks to his team'. One set off by a comma ends at the next
    comma, wherever the parser hung the words after it."""
    out = []
    for parsed in state.parses.get(state.sent_index(start), []):
        for tok in parsed.doc:
            if tok.dep_ != "relcl":
                continue
            first, last = tok.left_edge, tok.right_edge
            if first.i > 0 and parsed.doc[first.i - 1].text == ",":
                last = next((t for t in parsed.doc[first.i:last.i + 1] if t.text == ","), last)
            lo, hi = parsed.offset + first.idx, parsed.offset + last.idx + len(last.text)
            if start <= lo and hi <= end:
                out.append((lo, hi))
    return tuple(out)


def attribute_dash(state: DocState, q: Quote, next_para: tuple[int, int] | None) -> bool:
    """'"..."' then a line '— Name, title' or '— an unnamed official, Outlet'."""
    if not next_para:
        return False
    line = state.text[next_para[0]:next_para[1]]
    m = DASH_RE.match(line)
    if not m:
        return False
    start = next_para[0] + m.start(1)
    who, _, rest = m.group(1).partition(",")
    q.speaker = best_speaker(state, start, start + len(who))
    q.reporters = outlets_in(state, start, next_para[1])
    if q.speaker and rest and q.speaker.cls == "Person" and not q.speaker.role:
        q.speaker.role = rest.strip()
    return q.speaker is not None


class Attribution:
    """The speech acts of an article (empty in fast mode) with their resolved speakers."""

    def __init__(self, state: DocState):
        self.state = state
        self.acts = speech_acts(state)
        self.groups: dict[tuple[int, int], tuple[Ent, ...]] = {}
        self.speakers = resolve_acts(state, self.acts, self.groups)

    def attribute(self, q: Quote) -> bool:
        """Speaker and outlets from the act that governs the quote in the parse."""
        found = governing_act(self.acts, q.start, q.end)
        act, depth = found if found else (None, 0)
        ent = self.speakers.get((act.parsed.offset, act.verb.i)) if act else None
        if act is None or ent is None:
            return False
        q.speaker, q.rule, q.depth = ent, act.frame.id, depth
        q.co_speakers = [e for e in self.groups.get((act.parsed.offset, act.verb.i), ()) if e is not ent]
        left, right = act.verb.left_edge, act.verb.right_edge
        start, end = act.at(left), act.at(right) + len(right.text)
        q.reporters = [r for r in outlets_in(self.state, start, end) if r is not ent]
        return True

    def in_line(self, start: int, end: int) -> tuple[Ent, str] | None:
        """The first resolved act of a line without quotations: the attribution line of a quote
        paragraph standing alone ('"..."' then 'The minister wrote this on Telegram.')."""
        if any(start <= s < end for s, _ in self.state.quotes):
            return None
        for act in self.acts:
            if start <= act.pos < end and (act.parsed.offset, act.verb.i) in self.speakers:
                return self.speakers[(act.parsed.offset, act.verb.i)], "speech/attribution-next-line"
        return None


def joins(state: DocState, last: Quote | None, start: int) -> bool:
    """'"A," X said, "B."': B continues A when only a short attribution clause ending in a comma,
    inside one sentence, separates them."""
    if not last or not last.joinable:
        return False
    gap = state.text[last.end + 1:start - 1].strip(" '")  # '' ... '' marks are two characters wide
    return gap.strip().endswith(",") and not re.search(r"[.!?;:]\s", gap) and len(gap.split()) <= 12


def add_statements(state: DocState) -> list[Quote]:
    """Every quotation as a Quote with its speaker (None where nothing attributes it)."""
    verbs = speech_re()
    paras = paragraphs(state.text)
    attr = Attribution(state)
    quotes: list[Quote] = []
    carry: Quote | None = None  # a quotation left open at the end of the previous paragraph
    for p_index, (p_start, p_end) in enumerate(paras):
        inner = [(s, e) for s, e in state.quotes if p_start <= s < p_end]
        last: Quote | None = None
        for k, (s, e) in enumerate(inner):
            words = state.text[s:e]
            if k == 0 and carry is not None and s == p_start + 1:  # the next paragraph reopens it
                carry.parts.append(words)
                carry.end = e
                last = carry
                continue
            if joins(state, last, s):
                last.parts.append(words)
                last.end = e
                last.joinable = False
                continue
            q = Quote(s, e, [words])
            limit = inner[k + 1][0] - 1 if k + 1 < len(inner) else p_end
            sent_start, _ = state.sent_span(s)
            sent_start = max(sent_start, p_start, inner[k - 1][1] + 1 if k else p_start)
            pre = state.text[sent_start:s - 1].strip()
            nxt = paras[p_index + 1] if p_index + 1 < len(paras) else None
            pre = pre.rstrip("'").strip()
            alone = not pre and last is None and not state.text[p_start:s].strip(" '\"\u201c") and \
                state.text[e + 1:p_end].strip(" .\u201d\"'") == ""  # the quote is the whole paragraph
            if attr.attribute(q):
                pass
            elif attribute_after(state, q, limit, verbs):
                q.rule = "speech/verb-after-quote"
            elif pre and not pre.endswith((".", "!", "?")):
                q.speaker = sentence_subject(state, sent_start, s, verbs)
                q.reporters = outlets_in(state, sent_start, s)
                q.rule = "speech/subject-before-quote"
            elif alone and attribute_dash(state, q, nxt):
                q.rule = "speech/dash-attribution-line"
            elif alone and nxt and attr.in_line(*nxt):
                q.speaker, q.rule = attr.in_line(*nxt)
            elif last is not None:
                q.speaker, q.reporters = last.speaker, last.reporters
                q.rule = "speech/same-speaker-continues"
            else:
                q.speaker = previous_speaker(state, sent_start, verbs)
                q.rule = "speech/previous-sentence-speaker"
            if q.speaker is None and last is not None and state.sent_index(last.start) == state.sent_index(s):
                q.speaker, q.reporters = last.speaker, last.reporters  # a second quotation in one sentence
                q.rule = "speech/same-speaker-continues"
            after = state.text[e + 1:limit].strip("'")
            q.joinable = q.speaker is not None and bool(re.match(r"^[^.!?;:]{0,80},\s*$", after))
            quotes.append(q)
            last = q
        carry = last if inner and last is not None and inner[-1][1] == p_end else None
    quotes = [q for q in quotes if len(" ".join(q.parts).split()) >= 2 or 0 < q.depth <= MAX_WORD_DEPTH]
    return sorted(quotes + interview_answers(state, attr, paras), key=lambda q: q.start)


QA_LINE = re.compile(r"\s*(?:\*\*)?(Q|A|Question|Answer)\s*[:.](?:\*\*)?\s+", re.I)


def interview_answers(state: DocState, attr: Attribution, paras: list[tuple[int, int]]) -> list[Quote]:
    """A Q&A interview ('Q: ...' / 'A: ...' turns): each sentence of an answer, outside the quotations
    it relays, is a statement of the interviewee."""
    turns = [(s, e, m) for s, e in paras if (m := QA_LINE.match(state.text, s, e))]
    asks = [t for t in turns if t[2].group(1).lower() in ("q", "question")]
    answers = [t for t in turns if t[2].group(1).lower() in ("a", "answer")]
    if len(asks) < 2 or len(answers) < 2:
        return []
    who = interviewee(state, attr, asks[0][0])
    if who is None:
        return []
    out = []
    for _, end, m in answers:
        for s, e in state.sents:
            s, e = max(s, m.end()), min(e, end)
            text = state.text[s:e].strip()
            if s >= e or len(text.split()) < 3 or text.endswith("?") or \
                    any(s <= qs < e or s < qe <= e for qs, qe in state.quotes):
                continue
            out.append(Quote(s, e, [text], speaker=who, rule="speech/interview-answer"))
    return out


def interviewee(state: DocState, attr: Attribution, first_question: int) -> Ent | None:
    """Who answers: the person who speaks in the introduction, else the first person it names."""
    for act in attr.acts:
        ent = attr.speakers.get((act.parsed.offset, act.verb.i))
        if act.pos < first_question and ent is not None and ent.cls == "Person":
            return ent
    for m in state.mentions:
        if m.start < first_question and m.ent is not None and m.ent.cls == "Person" and not m.in_quote:
            return m.ent
    return None


def previous_speaker(state: DocState, pos: int, verbs: re.Pattern) -> Ent | None:
    """For a quote standing alone: the subject of the sentence before it, if that sentence reports speech."""
    idx = state.sent_index(pos)
    if idx == 0:
        return None
    start, end = state.sents[idx - 1]
    if not verbs.search(state.text[start:end]):
        return None
    return sentence_subject(state, start, end, verbs)


def speaker_keys(q: Quote) -> tuple[str, ...]:
    """The keys of a quote's speaker and co-speakers, speaker first."""
    return tuple(dict.fromkeys(e.key for e in [q.speaker, *q.co_speakers] if e is not None))


def quote_text(q: Quote) -> str:
    parts = [p.strip() for p in q.parts]
    return " ".join(parts).strip().rstrip(",").strip()


def quote_evidence(state: DocState, q: Quote) -> Evidence:
    start, _ = state.sent_span(q.start)
    _, end = state.sent_span(q.end)
    return Evidence(state.text[start:end].strip(), start, end)


