"""Writes a synthetic UCDP GED CSV export: the 49 columns of the real export (header taken
from the real sample), N events, seeded. A fifth of the events are in Iraq, spread over its
18 governorates as GED spells them ("Nīnawá province"), a few placed only at country level;
the rest in other countries. About 3% span two months. Row sizes are close to the real
file's (source excerpts of a few hundred bytes), so the file is about 600 bytes a row.

usage: generate_ged.py SAMPLE.csv OUT.csv N [SEED]
"""
import csv
import random
import sys
from datetime import date, timedelta

sample, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 7)

with open(sample, newline="", encoding="utf-8") as f:
    header = next(csv.reader(f))

IRAQ = ["Al Anbār", "Al Başrah", "Al Muthanná", "Al Qādisīyah", "An Najaf", "Arbīl", "As Sulaymānīyah",
        "Bābil", "Baghdād", "Dahūk", "Dhī Qār", "Diyālá", "Karbalā’", "Kirkūk", "Maysān", "Nīnawá",
        "Şalāḩ ad Dīn", "Wāsiţ"]
OTHER = [("Syria", 652, ["Idlib", "Aleppo", "Dar'a"]), ("Afghanistan", 700, ["Kandahar", "Helmand"]),
         ("Somalia", 520, ["Banaadir", "Shabeellaha Hoose"]), ("Nigeria", 475, ["Borno", "Yobe"]),
         ("Yemen (North Yemen)", 678, ["Ta'izz", "Marib"]), ("Mali", 432, ["Mopti", "Gao"])]
WORDS = ("the attack killed civilians in the village near the road according to local officials "
         "and security forces said militants fired on a checkpoint late on").split()
START = date(1989, 1, 1)
DAYS = (date(2023, 12, 31) - START).days


def text(k):
    return " ".join(rng.choice(WORDS) for _ in range(k))


col = {name: i for i, name in enumerate(header)}
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(header)
    for i in range(n):
        row = [""] * len(header)
        start = START + timedelta(days=rng.randrange(DAYS))
        end = start + timedelta(days=rng.randrange(3, 40)) if rng.random() < 0.03 else start
        if rng.random() < 0.2:
            country, gw = "Iraq", 645
            adm1 = "" if rng.random() < 0.02 else rng.choice(IRAQ) + " province"
        else:
            country, gw, places = rng.choice(OTHER)
            adm1 = rng.choice(places) + " province"
        best = rng.choice([0, 0, 1, 1, 1, 2, 3, 5, 8, 13, 40])
        low, high = max(0, best - rng.randrange(2)), best + rng.randrange(4)
        values = {
            "id": i + 1, "relid": f"GEN-{i + 1}", "year": start.year, "active_year": 1, "code_status": "Clear",
            "type_of_violence": rng.choice([1, 1, 2, 3]), "conflict_dset_id": 259, "conflict_new_id": 259,
            "conflict_name": f"{country}: Government", "dyad_dset_id": 524, "dyad_new_id": 524,
            "dyad_name": f"Government of {country} - IS", "side_a_dset_id": 116, "side_a_new_id": 116,
            "side_a": f"Government of {country}", "side_b_dset_id": 234, "side_b_new_id": 234, "side_b": "IS",
            "number_of_sources": rng.randrange(1, 6), "source_article": text(25), "source_office": "Agence France Presse",
            "source_date": start.isoformat(), "source_headline": text(10), "source_original": text(12),
            "where_prec": rng.randrange(1, 8), "where_coordinates": text(3), "where_description": text(8),
            "adm_1": adm1, "adm_2": "", "latitude": f"{rng.uniform(29, 37):.4f}", "longitude": f"{rng.uniform(39, 48):.4f}",
            "geom_wkt": "POINT (44.0 33.0)", "priogrid_gid": rng.randrange(100000, 200000), "country": country,
            "country_id": gw, "region": "Middle East", "event_clarity": 1, "date_prec": rng.randrange(1, 6),
            "date_start": f"{start.isoformat()} 00:00:00.000", "date_end": f"{end.isoformat()} 00:00:00.000",
            "deaths_a": 0, "deaths_b": best, "deaths_civilians": 0, "deaths_unknown": 0,
            "best": best, "high": high, "low": low, "gwnoa": gw, "gwnob": "",
        }
        for k, v in values.items():
            if k in col:
                row[col[k]] = v
        w.writerow(row)
