#!/usr/bin/env python3
"""Reads back the workbooks the service wrote (sla.xlsx, requests.xlsx in the directory given)
with openpyxl, an independent reader, and checks them against the JSON the service answered for
the same query (sla.json, requests.json): the same figures, typed number and date cells, a
right-to-left sheet with Persian headers and a frozen header row. Exits non-zero on any
difference."""

import datetime as dt
import json
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl

STAGES = {
    "decision": "بررسی و تصمیم اداره کل",
    "police": "اقدام پلیس راهور",
    "registration": "ثبت فک پلاک",
}
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def sheet(path):
    ws = openpyxl.load_workbook(path).active
    check(ws.sheet_view.rightToLeft is True, f"{path.name}: the sheet is not right-to-left")
    check(ws.freeze_panes == "A2", f"{path.name}: header row not frozen ({ws.freeze_panes})")
    rows = list(ws.iter_rows())
    header = [c.value for c in rows[0]]
    return header, rows[1:]


def sla(d):
    report = json.loads((d / "sla.json").read_text())
    header, rows = sheet(d / "sla.xlsx")
    col = {name: i for i, name in enumerate(header)}
    check(len(rows) == 1 + len(report["agencies"]), "sla: one row overall, one per agency")
    scopes = [(rows[0], report["overall"], "کل")] + [
        (r, a, "دستگاه") for r, a in zip(rows[1:], report["agencies"])
    ]
    for row, figures, scope in scopes:
        cell = lambda name: row[col[name]]
        check(cell("دامنه").value == scope, f"sla: scope {cell('دامنه').value}")
        for name, key in [("تعداد درخواست‌ها", "requests"), ("درخواست‌های دیرکرددار", "overdue_now")]:
            c = cell(name)
            check(c.data_type == "n", f"sla: {name} is not a number cell")
            check(c.value == figures[key], f"sla: {name} {c.value} != {figures[key]}")
        statuses = [row[i].value for i, h in enumerate(header) if h.startswith("وضعیت: ")]
        check(sum(statuses) == figures["requests"], "sla: the status columns add up to the requests")
        check(sorted(statuses) == sorted(figures["by_status"].values()), "sla: status counts")
        for stage, label in STAGES.items():
            s = figures["stages"][stage]
            check(cell(f"{label} - تکمیل‌شده").value == s["completed"], f"sla: {stage} completed")
            median = cell(f"{label} - میانه روز کاری").value
            check(median == s["median_working_days"], f"sla: {stage} median {median}")
        check(cell("تعداد بازخورد").value == figures["feedback"]["count"], "sla: feedback count")
        if "organisation_name" in figures:
            check(cell("نام دستگاه").value == figures["organisation_name"], "sla: agency name")
        if report["from"]:
            c = cell("از تاریخ")
            check(c.is_date, "sla: the range's first day is not a date cell")
            check(c.value.date().isoformat() == report["from"], f"sla: from {c.value}")
            check(cell("از تاریخ (شمسی)").value == report["from_jalali"], "sla: from (Jalali)")


def requests(d):
    items = json.loads((d / "requests.json").read_text())
    header, rows = sheet(d / "requests.xlsx")
    col = {name: i for i, name in enumerate(header)}
    check(len(rows) == len(items), f"requests: {len(rows)} rows for {len(items)} requests")
    tehran = ZoneInfo("Asia/Tehran")
    for row, item in zip(rows, items):
        cell = lambda name: row[col[name]]
        check(cell("کد رهگیری").value == item["tracking_code"], "requests: tracking code")
        check(cell("وضعیت").value == item["status_label_fa"], "requests: status")
        check(cell("پلاک").value == item["vehicle"]["plate"], "requests: plate")
        year = cell("سال ساخت")
        check(year.data_type == "n" and year.value == item["vehicle"]["year"], "requests: year")
        filed = cell("تاریخ ثبت")
        check(filed.is_date, "requests: the filing time is not a date cell")
        at = dt.datetime.fromisoformat(item["created_at"].replace("Z", "+00:00")).astimezone(tehran)
        check(
            filed.value.replace(second=0, microsecond=0) == at.replace(tzinfo=None, second=0, microsecond=0),
            f"requests: filed {filed.value} != {at}",
        )
        check(cell("تاریخ ثبت (شمسی)").value == item["created_at_jalali"], "requests: Jalali twin")


def main():
    d = Path(sys.argv[1])
    sla(d)
    requests(d)
    for f in failures:
        print("FAIL:", f)
    checked = "sla.xlsx and requests.xlsx"
    if failures:
        print(f"xlsx-readback: 0 passed, {len(failures)} failed")
        sys.exit(1)
    print(f"xlsx-readback: {checked} read back by openpyxl {openpyxl.__version__} match the JSON")


if __name__ == "__main__":
    main()
