#!/usr/bin/env python3
"""Cross-check plate-permits' built-in official holidays against an independent source.

Compares the built-in days of `plate-permits holidays --year A --to-year B` (fixed solar
days, the official calendar's days for the years it covers, provisional lunar days beyond:
see src/sla/official.rs and src/sla/official_calendar.json) with the Iran calendar of the
`holidays` package (PyPI), both ways, prints the differences per Jalali year, and exits
non-zero on any difference in a year the official data covers (0 days tolerance, lunar days
and one-off closures included) that KNOWN_DIFFERENCES does not list with the official source
that settles it. Years beyond the data (provisional) are reported, tolerating 2 days.

Installs nothing: `.ci/run` installs the pinned `holidays` first. The binary is
$PLATE_PERMITS_BIN, or `cargo run --quiet --` from the repository root.

    python3 tests/calendar/crosscheck_holidays.py [--from-year 1400] [--to-year 1406]
"""
import argparse
import collections
import datetime as dt
import json
import os
import shlex
import subprocess
import sys

import holidays

# Our id's month-day (Jalali for fixed, Hijri for provisional) -> the package's English name.
FIXED = {
    (1, 1): "Nowruz", (1, 2): "Nowruz Holiday", (1, 3): "Nowruz Holiday",
    (1, 4): "Nowruz Holiday", (1, 12): "Islamic Republic Day", (1, 13): "Nature's Day",
    (3, 14): "Death of Imam Khomeini", (3, 15): "15 Khordad Uprising",
    (11, 22): "Islamic Revolution Day", (12, 29): "Iranian Oil Industry Nationalization Day",
    (12, 30): "Last Day of Year",
}
LUNAR = {
    (1, 9): "Tasua", (1, 10): "Ashura", (2, 20): "Arbaeen",
    (2, 28): "Death of Prophet Muhammad and Martyrdom of Hasan ibn Ali",
    (2, 30): "Martyrdom of Ali al-Rida", (3, 8): "Martyrdom of Hasan al-Askari",
    (3, 17): "Birthday of Muhammad and Imam Ja'far al-Sadiq", (6, 3): "Martyrdom of Fatima",
    (7, 13): "Birthday of Imam Ali", (7, 27): "Isra' and Mi'raj", (8, 15): "Birthday of Mahdi",
    (9, 21): "Martyrdom of Imam Ali", (10, 1): "Eid al-Fitr", (10, 2): "Eid al-Fitr Holiday",
    (10, 25): "Martyrdom of Imam Ja'far al-Sadiq", (12, 10): "Eid al-Adha",
    (12, 18): "Eid al-Ghadir",
}
LUNAR_TOLERANCE = 2  # days, provisional years only
# Jalali years whose official calendar is built in: exact, both ways.
COVERED = range(1399, 1406)
# Differences in the covered years, each with the official source that settles it:
# {("our id" or "package:<date>:<name>"): "source"}. None today.
KNOWN_DIFFERENCES = {}
SEARCH = 10  # a package date this close is the same holiday


def ours(first, last):
    cmd = os.environ.get("PLATE_PERMITS_BIN")
    argv = shlex.split(cmd) if cmd else ["cargo", "run", "--quiet", "--"]
    argv += ["holidays", "--year", str(first), "--to-year", str(last)]
    out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--from-year", type=int, default=1399)
    ap.add_argument("--to-year", type=int, default=1406)
    args = ap.parse_args()
    days = ours(args.from_year, args.to_year)
    greg = {dt.date.fromisoformat(d["date"]).year for d in days}
    ref = holidays.Iran(years=range(min(greg), max(greg) + 1))
    by_name = collections.defaultdict(list)
    estimated = []
    for date, names in ref.items():
        for name in names.split("; "):
            # The package marks dates past its confirmed years "(estimated)" (its Umm al-Qura
            # rule + 1 day); they count like the others, and are listed below.
            if name.endswith(" (estimated)"):
                estimated.append(f"{date} {name}")
            by_name[name.replace(" (estimated)", "")].append(date)
    print(f"holidays {holidays.__version__}: Iran, Gregorian {min(greg)}-{max(greg)}")
    failures, largest, per_year = [], 0, collections.defaultdict(collections.Counter)
    missing = collections.defaultdict(list)
    matched = set()  # (date, name) of the package's days we have
    for d in days:
        date = dt.date.fromisoformat(d["date"])
        year = int(d["date_jalali"][:4])
        kind, rest = d["id"].split("-", 1)
        if kind == "o":
            name = "Public Holiday"
        else:
            _, m, dd = rest.split("-")
            name = (FIXED if kind == "f" else LUNAR)[(int(m), int(dd))]
        near = [c for c in by_name.get(name, []) if abs((c - date).days) <= SEARCH]
        exact = year in COVERED
        if not near:
            missing[year].append(f'{d["id"]} ({name})')
            per_year[year]["not in the package"] += 1
            if exact and d["id"] not in KNOWN_DIFFERENCES:
                failures.append(f'{d["id"]} {d["date_jalali"]} {d["title_fa"]}: not in the package')
            continue
        diff = min(((c - date).days for c in near), key=abs)
        matched.add((date + dt.timedelta(days=diff), name))
        per_year[year][diff] += 1
        largest = max(largest, abs(diff)) if not exact else largest
        if diff and d["id"] in KNOWN_DIFFERENCES:
            print(f'  known: {d["id"]} {d["date_jalali"]}: package {diff:+d} ({KNOWN_DIFFERENCES[d["id"]]})')
        elif diff and (exact or d["source"] == "fixed" or abs(diff) > LUNAR_TOLERANCE):
            failures.append(f'{d["id"]} {d["date_jalali"]} {d["title_fa"]}: package {diff:+d} days')
        elif diff:
            print(f'  {d["id"]} {d["date_jalali"]} ({name}): package {diff:+d} day(s) (provisional)')
    # The other way: every package day in a covered year is one of ours.
    ours_dates = {dt.date.fromisoformat(d["date"]) for d in days}
    covered_dates = {dt.date.fromisoformat(d["date"]) for d in days if int(d["date_jalali"][:4]) in COVERED}
    lo, hi = (min(covered_dates), max(covered_dates)) if covered_dates else (None, None)
    for date, names in sorted(ref.items()):
        if lo is None or not (lo <= date <= hi):
            continue
        for name in names.split("; "):
            name = name.replace(" (estimated)", "")
            key = f"package:{date}:{name}"
            if (date, name) not in matched and key not in KNOWN_DIFFERENCES:
                failures.append(f"{date} {name}: in the package, not built in")
    for year in sorted(per_year):
        counts = per_year[year]
        shown = ", ".join(
            f"{k:+d} d: {v}" if isinstance(k, int) else f"{k}: {v}"
            for k, v in sorted(counts.items(), key=lambda kv: str(kv[0]))
        )
        tag = "official, exact" if year in COVERED else "provisional"
        print(f"{year} ({tag}): {shown}")
    for year in sorted(missing):
        print(f"{year}: not in the package: {', '.join(missing[year])}")
    in_covered = [e for e in estimated if lo and lo <= dt.date.fromisoformat(e[:10]) <= hi]
    if in_covered:
        print("package dates marked estimated in covered years (compared all the same): "
              + ", ".join(in_covered))
    print(f"largest difference in provisional years: {largest} day(s)")
    print(f"known differences in covered years: {len(KNOWN_DIFFERENCES)}")
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
