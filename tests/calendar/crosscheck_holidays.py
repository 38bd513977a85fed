#!/usr/bin/env python3
"""Cross-check plate-permits' built-in official holidays against an independent source.

Compares the fixed and provisional days of `plate-permits holidays --year A --to-year B`
(computed by the service, see src/sla/official.rs) with the Iran calendar of the `holidays`
package (PyPI), prints the differences per Jalali year and the largest difference in days,
and exits non-zero when a fixed holiday differs or a lunar one is more than 2 days off.

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
LUNAR_TOLERANCE = 2  # days
SEARCH = 10  # a package date this close is the same holiday


def ours(first, last):
    cmd = os.environ.get("PLATE_PERMITS_BIN")
    argv = shlex.split(cmd) if cmd else ["cargo", "run", "--quiet", "--"]
    argv += ["holidays", "--year", str(first), "--to-year", str(last)]
    out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--from-year", type=int, default=1400)
    ap.add_argument("--to-year", type=int, default=1406)
    args = ap.parse_args()
    days = ours(args.from_year, args.to_year)
    greg = {dt.date.fromisoformat(d["date"]).year for d in days}
    ref = holidays.Iran(years=range(min(greg), max(greg) + 1))
    by_name = collections.defaultdict(list)
    for date, names in ref.items():
        for name in names.split("; "):
            by_name[name].append(date)
    print(f"holidays {holidays.__version__}: Iran, Gregorian {min(greg)}-{max(greg)}")
    failures, largest, per_year = [], 0, collections.defaultdict(collections.Counter)
    missing = collections.defaultdict(list)
    for d in days:
        date = dt.date.fromisoformat(d["date"])
        year = int(d["date_jalali"][:4])
        _, _, m, dd = d["id"].split("-")
        key = (int(m), int(dd))
        name = (FIXED if d["source"] == "fixed" else LUNAR)[key]
        near = [c for c in by_name.get(name, []) if abs((c - date).days) <= SEARCH]
        if not near:
            missing[year].append(f'{d["id"]} ({name})')
            per_year[year]["not in the package"] += 1
            continue
        diff = min(((c - date).days for c in near), key=abs)
        per_year[year][diff] += 1
        largest = max(largest, abs(diff))
        if diff and (d["source"] == "fixed" or abs(diff) > LUNAR_TOLERANCE):
            failures.append(f'{d["id"]} {d["date_jalali"]} {d["title_fa"]}: package {diff:+d} days')
        elif diff:
            print(f'  {d["id"]} {d["date_jalali"]} ({name}): package {diff:+d} day(s)')
    for year in sorted(per_year):
        counts = per_year[year]
        shown = ", ".join(
            f"{k:+d} d: {v}" if isinstance(k, int) else f"{k}: {v}"
            for k, v in sorted(counts.items(), key=lambda kv: str(kv[0]))
        )
        print(f"{year}: {shown}")
    for year in sorted(missing):
        print(f"{year}: not in the package: {', '.join(missing[year])}")
    print(f"largest difference: {largest} day(s)")
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
