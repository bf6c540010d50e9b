"""The benchmark corpus: the seed articles plus shorter and longer variants, and varied short texts."""
from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def seeds() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def articles() -> list[str]:
    """News-sized texts: each seed, its first half, its first paragraphs, and seeds joined in twos and threes."""
    base = seeds()
    out = list(base)
    out += [t[: len(t) // 2] for t in base]
    out += ["\n\n".join(t.split("\n\n")[:2]) for t in base]
    out += [base[i] + "\n\n" + base[(i + 1) % len(base)] for i in range(len(base))]
    out += ["\n\n".join(base[i:] + base[:i])[:9000] for i in range(0, len(base), 2)]
    return out


def thousand_words() -> str:
    words, text = 0, []
    for t in seeds() * 3:
        for para in t.split("\n\n"):
            text.append(para)
            words += len(para.split())
            if words >= 1000:
                return "\n\n".join(text)
    return "\n\n".join(text)


_NAMES = ["Blinken", "Netanyahu", "Haniyeh", "Sinwar", "Macron", "Scholz", "Erdogan", "Sisi", "Thani", "Zelensky",
          "Putin", "Modi", "Lula", "Ruto", "Albanese", "Kishida", "Starmer", "Meloni", "Sánchez", "Tusk"]
_PLACES = ["Cairo", "Doha", "Paris", "Ankara", "Kyiv", "Beirut", "Amman", "Riyadh", "Berlin", "Tokyo", "Nairobi"]
_VERBS = ["met", "visited", "criticized", "told reporters in", "arrived in", "rejected the plan of", "urged"]


def varied(n: int, seed: int = 7) -> list[str]:
    """Short texts with ever new tokens (numbers, made-up names): what would grow a vocab without memory zones."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        made_up = "".join(rnd.choice("bcdfghklmnprstvz") + rnd.choice("aeiou") for _ in range(3)).title()
        out.append(f"{rnd.choice(_NAMES)} {rnd.choice(_VERBS)} {made_up} {rnd.choice(_PLACES)} on Monday, "
                   f"officials said on {rnd.randint(1, 28)} March {rnd.randint(1990, 2030)}. Ref {i}-{rnd.random():.8f}.")
    return out
