"""The request space, fuzzed against the running server: any 5xx (or a valid request refused) is a failure.

Requests vary in every field the contract has, not only in the text: with and without `published_at` (dates,
date-times, offsets, the edges of the calendar), with and without `types`, with an `id` or not, single or in
batches, and a share of invalid values that must get a 4xx. The texts are date-dense news sentences built from
a grammar of date phrases: weekdays, "the week of", seasons, quarters, halves, holidays, decades, datelines,
numeric dates, relative dates, and dates that do not exist ("February 30").
"""
from __future__ import annotations

import http.client
import json
import random
import time
from concurrent.futures import ThreadPoolExecutor

from service.ontology import TYPE_NAMES

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December", "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
YEARS = ["1066", "1899", "1970", "1989", "1999", "2000", "2023", "2024", "2025", "2099", "9999", "0001"]
HOLIDAYS = ["Christmas", "Christmas Eve", "New Year's Day", "New Year's Eve", "Easter", "Thanksgiving",
            "Ramadan", "Eid al-Fitr", "Independence Day", "Labor Day", "Halloween", "Valentine's Day", "Passover"]
CITIES = ["BEIJING", "WASHINGTON", "CAIRO", "GAZA CITY", "LONDON", "DOHA", "NEW YORK", "TEL AVIV"]
AGENCIES = ["Xinhua", "AP", "Reuters", "AFP"]
ACTORS = ["Blinken", "Netanyahu", "The foreign minister", "Hamas officials", "The delegation", "Egypt",
          "A senior official", "The two leaders", "Qatari mediators", "The president"]
VERBS = ["met", "will meet", "visited", "talked with", "rejected the proposal of", "accused", "urged",
         "signed an agreement with", "threatened", "held talks with", "is set to visit"]
PLACES = ["in Cairo", "in Doha", "in Jerusalem", "at the White House", "in Paris", ""]


def _day(r: random.Random) -> str:
    return str(r.choice([1, 5, 8, 15, 28, 29, 30, 31, 32, 0, r.randint(1, 31)]))


def date_phrase(r: random.Random) -> str:
    """One date expression from the grammar; some name no real day."""
    month, day, year, wd = r.choice(MONTHS), _day(r), r.choice(YEARS), r.choice(WEEKDAYS)
    forms = [
        lambda: r.choice(["on ", "last ", "next ", "this ", "", "early on "]) + wd
        + r.choice(["", " night", " morning", " afternoon", " evening"]),
        lambda: f"the week of {month} {day}" + r.choice(["", f", {year}"]),
        lambda: f"the week of {r.randint(1, 12)}/{day}",
        lambda: r.choice(["this ", "last ", "next ", "in the ", "early ", "late ", "the "])
        + r.choice(["spring", "summer", "fall", "autumn", "winter"]) + r.choice(["", f" of {year}", f" {year}"]),
        lambda: r.choice(["the first", "the second", "the third", "the fourth", "the last", "this", "last", "next"])
        + r.choice([" quarter", " half"]) + r.choice(["", f" of {year}", " of the year", f" of fiscal {year}"]),
        lambda: r.choice(["Q1", "Q2", "Q3", "Q4", "H1", "H2", "1Q", "4Q"]) + r.choice(["", f" {year}", f"{year[2:]}"]),
        lambda: r.choice(["on ", "before ", "after ", "by ", "last ", "next ", ""]) + r.choice(HOLIDAYS)
        + r.choice(["", f" {year}", f" of {year}"]),
        lambda: "the " + r.choice(["", "early ", "mid-", "late "]) + r.choice(
            ["1990s", "'80s", "2000s", "1960s and 1970s", "nineteen-sixties", "2020s", "90s", "1800s", "21st century"]),
        lambda: f"{month} {day}" + r.choice(["", f", {year}", f" {year}"]),
        lambda: f"{day} {month} {year}",
        lambda: r.choice(["in ", "since ", "by ", "mid-", "late ", "early "]) + month + r.choice(["", f" {year}"]),
        lambda: r.choice([f"{r.randint(0, 13)}/{day}/{year}", f"{year}-{r.randint(0, 13):02d}-{int(day):02d}",
                          f"{day}.{r.randint(1, 13)}.{year}", f"{r.randint(1, 12)}/{day}",
                          f"{year}{r.randint(1, 12):02d}{min(int(day), 31):02d}", f"07/04/{year[2:]}"]),
        lambda: r.choice(["February 30", "February 29, 2023", "April 31", "June 31, 2024", "Feb. 30, 2024",
                          "September 31", "the 32nd of May", "13/13/2013", "0 January 2024", "2024-02-30"]),
        lambda: r.choice(["yesterday", "today", "tomorrow", "tonight", "now", "recently", "a year earlier",
                          "two weeks ago", "three days later", "the day before", "earlier this week",
                          "in 10 days", "next month", "last year", "the following week", "year-end",
                          "the end of the month", "the past decade", "a decade ago", "this week", "later this year"]),
        lambda: r.choice(["in ", "since ", "by ", "fiscal ", "the year ", "in late ", "early "]) + year,
        lambda: r.choice(["at 3 p.m.", "at noon", "Monday at 10:30 GMT", "at midnight", "at 0800 local time",
                          f"{wd} at 4 a.m."]),
    ]
    return r.choice(forms)()


def dateline(r: random.Random) -> str:
    city, agency = r.choice(CITIES), r.choice(AGENCIES)
    when = r.choice([f"{r.choice(MONTHS)} {_day(r)}", f"the week of {r.choice(MONTHS)} {_day(r)}",
                     f"{r.choice(MONTHS)} {_day(r)}, {r.choice(YEARS)}", r.choice(WEEKDAYS), ""])
    return r.choice([f"{city}, {when} ({agency}) -- ", f"{city} ({agency}) — ", f"{city}, {when} - ",
                     f"{when} ({agency}) -- ", f"{city}, {when} /{agency}/ -- "])


def text(r: random.Random) -> str:
    sentences = []
    for _ in range(r.randint(1, 6)):
        a, b = r.choice(ACTORS), r.choice(ACTORS)
        d1, d2 = date_phrase(r), date_phrase(r)
        sentences.append(r.choice([
            f"{a} {r.choice(VERBS)} {b} {r.choice(PLACES)} {d1}.",
            f"Talks are set for {d1}.",
            f"{d1[:1].upper() + d1[1:]}, {a} said the talks would resume {d2}.",
            f"{a} {r.choice(VERBS)} {b} between {d1} and {d2}.",
            f"{a} said {d1} that {b} {r.choice(VERBS)} the mediators {d2}.",
            f"The meeting, first planned for {d1}, was moved to {d2}, officials said.",
        ]).replace("  ", " "))
    body = " ".join(sentences)
    return (dateline(r) if r.random() < 0.4 else "") + body


def published_at(r: random.Random) -> str:
    return r.choice(["2024-08-20", "2024-02-29", "2023-12-31", "2000-01-01", "1999-12-31T23:59:59Z",
                     "2024-08-20T10:00:00+05:30", "2024-08-20T23:30:00-08:00", "0001-01-01", "9999-12-31",
                     "1970-01-01T00:00:00Z", "2025-06-15T12:00:00.123456Z"])


def document(r: random.Random) -> tuple[dict, bool]:
    """(a document of a request, whether it is valid)."""
    doc: dict = {"text": text(r)}
    valid = True
    if r.random() < 0.6:
        doc["published_at"] = published_at(r)
    if r.random() < 0.3:
        doc["types"] = r.sample(TYPE_NAMES, r.randint(1, 4))
    if r.random() < 0.3:
        doc["id"] = f"doc-{r.randint(0, 10**6)}"
    if r.random() < 0.05:   # invalid: the service must say so with a 4xx, never fail
        valid = False
        key, value = r.choice([("published_at", "2024-02-30"), ("published_at", "yesterday"), ("types", []),
                               ("types", ["meeting", "picnic"]), ("text", " \n"), ("text", 5), ("extra", 1),
                               ("published_at", "20240820"), ("id", "x" * 300)])
        doc[key] = value
    return doc, valid


def request(r: random.Random) -> tuple[str, dict, bool]:
    """(path, body, whether it is valid)."""
    if r.random() < 0.25:
        docs = [document(r) for _ in range(r.randint(1, 8))]
        return "/v1/extract/batch", {"documents": [d for d, _ in docs]}, all(v for _, v in docs)
    doc, valid = document(r)
    return "/v1/extract", doc, valid


def run(port: int, seconds: float, seed: int, concurrency: int = 2) -> dict:
    """Fuzz for `seconds`; each client draws from its own generator, seeded from `seed`, so a run can be replayed."""
    stop_at = time.monotonic() + seconds
    counts: dict[int, int] = {}
    failures: list[str] = []

    def client(k: int):
        r = random.Random(seed * 1000 + k)
        while time.monotonic() < stop_at:
            path, body, valid = request(r)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            conn.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json"})
            resp = conn.getresponse()
            data = resp.read()
            conn.close()
            counts[resp.status] = counts.get(resp.status, 0) + 1
            if resp.status >= 500 or (resp.status == 200) != valid:
                failures.append(f"{path} -> {resp.status} {data[:200]!r}; request {json.dumps(body)[:1500]}")

    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(client, range(concurrency)))
    return {"requests": sum(counts.values()), "statuses": dict(sorted(counts.items())), "failures": failures}
