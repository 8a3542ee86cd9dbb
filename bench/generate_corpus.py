"""Generate a synthetic news corpus shaped like ours: varied articles composed from templates and name
lists (invented people, real countries, targets, quotes, proposals, dated events), as JSON Lines.

    python bench/generate_corpus.py 10000 out.jsonl [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Iterator

GIVEN = ["Oleh", "Iryna", "Taras", "Marta", "Pavlo", "Olena", "Dmytro", "Yulia", "Andrii", "Sofia", "Ivan",
         "Anton", "Viktor", "Natalia", "Sergei", "Elena", "Mikhail", "Anna", "Lukas", "Claire", "Jonas", "Maria"]
FAMILY = ["Kovalchuk", "Hrytsenko", "Melnyk", "Bondarenko", "Tkachenko", "Shevchuk", "Lysenko", "Marchenko",
          "Orlov", "Volkov", "Sokolov", "Petrov", "Berger", "Laurent", "Novak", "Kowalski", "Horvath", "Lindqvist"]
ROLES = ["Foreign Minister", "Deputy Prime Minister", "Energy Minister", "spokesman", "spokeswoman",
         "envoy", "Defence Minister", "national security adviser"]
SIDES = [("Ukraine", "Ukrainian", "Kyiv"), ("Russia", "Russian", "Moscow")]
MEDIATORS = ["the United States", "Turkey", "France", "the United Kingdom", "Qatar", "the European Union"]
TARGETS = ["oil refineries", "power plants", "substations", "ports", "energy infrastructure", "tankers",
           "fuel depots", "gas production facilities", "pipelines", "dams"]
FACILITIES = ["Kremenchuk oil refinery", "Burshtyn thermal power plant", "port of Izmail", "Saratov oil refinery",
              "Novoshakhtinsk oil refinery", "port of Chornomorsk", "Trypilska thermal power plant"]
TRUCES = ["moratorium", "ceasefire", "truce", "pause"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLETS = ["Reuters", "the Financial Times", "Bloomberg", "the Associated Press"]


def person(r: random.Random) -> tuple[str, str]:
    """A Zipf-popular invented person: a few names come back often, most rarely."""
    k = min(int(r.paretovariate(1.2)), 200)
    rr = random.Random(k)
    return f"{rr.choice(GIVEN)} {rr.choice(FAMILY)}", rr.choice(ROLES)


def article(i: int, r: random.Random, start: dt.date) -> dict:
    day = start + dt.timedelta(days=r.randrange(0, 600))
    side, other = r.sample(SIDES, 2)
    name, role = person(r)
    name2, role2 = person(r)
    target, target2 = r.sample(TARGETS, 2)
    facility = r.choice(FACILITIES)
    truce, mediator, weekday = r.choice(TRUCES), r.choice(MEDIATORS), r.choice(WEEKDAYS)
    days = r.choice([10, 14, 30, 60])
    paragraphs = [
        f"{other[1]} drones struck the {facility} on {weekday}, officials said, the latest attack on "
        f"{target} since the {truce} talks began.",
        f"{side[1]} {role} {name} said {side[2]} had proposed a {days}-day {truce} under which {side[0]} and "
        f"{other[0]} would stop strikes on {target} and {target2}.",
        f'"We are ready to stop strikes on {target} tomorrow if {other[2]} does the same," {name} told '
        f"{r.choice(OUTLETS)}.",
        f"{other[0]}'s {role2} {name2} rejected the proposal. \u201cThis plan only buys time for "
        f"{side[2]},\u201d {name2.split()[-1]} said.",
        f"Talks mediated by {mediator} are due to resume next {r.choice(WEEKDAYS)} in Istanbul, "
        f"two people familiar with the negotiations said.",
    ]
    r.shuffle(paragraphs[3:])
    return {"title": f"{side[0]} proposes {truce} after strike on {facility} ({i})",
            "text": "\n\n".join(paragraphs), "date": day.isoformat(),
            "url": f"https://synthetic.example/{i}", "publisher": "Synthetic Wire"}


def corpus(n: int, seed: int = 7) -> Iterator[dict]:
    r = random.Random(seed)
    start = dt.date(2024, 1, 1)
    for i in range(n):
        yield article(i, r, start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    with open(args.out, "w", encoding="utf-8") as fh:
        for obj in corpus(args.n, args.seed):
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
