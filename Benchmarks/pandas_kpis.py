#!/usr/bin/env python3
"""The KPI job with pandas, as an analyst would write it, for side-by-side timing
with engage (Benchmarks/run). Same job and output as duckdb_kpis.py.

usage: pandas_kpis.py EXPORT.csv [--timestamp COLUMN] [--date-format FORMAT]
needs: pandas, installed by Benchmarks/run in a virtual environment under .build/.
"""
import argparse
import sys
import unicodedata

import pandas as pd

STATEMENTS = {
    "felt-fully-involved": "i felt fully involved in the process",
    "communication-good": "communication throughout the process was good",
    "plan-reflects-needs": "the ehc plan accurately reflects my child's needs",
    "outcomes-good": "the outcomes in the ehc plan are good",
    "provision-meets-needs": "the provision in the ehc plan will meet my child's needs",
}
POSITIVE = {"strongly agree", "agree"}
SUBSTANTIVE = POSITIVE | {"neither agree nor disagree", "disagree", "strongly disagree"}


def norm(text):
    text = unicodedata.normalize("NFKC", str(text)).replace("\u2019", "'").replace("\u00a0", " ")
    return " ".join(text.lower().split())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("export")
    parser.add_argument("--timestamp")
    parser.add_argument("--date-format", default="%d/%m/%Y %H:%M:%S")
    args = parser.parse_args()
    header = pd.read_csv(args.export, nrows=0, encoding="utf-8-sig").columns
    columns = {}
    for kpi, text in STATEMENTS.items():
        hits = [c for c in header if text in norm(c)]
        if len(hits) != 1:
            sys.exit(f"{kpi}: expected one column containing {text!r}, found {hits}")
        columns[kpi] = hits[0]
    stamp = args.timestamp or next(c for c in header if "time" in c.lower() or "date" in c.lower())
    df = pd.read_csv(args.export, encoding="utf-8-sig", usecols=[stamp] + list(columns.values()), dtype=str)
    submitted = pd.to_datetime(df[stamp], format=args.date_format)
    fy = submitted.dt.year.where(submitted.dt.month >= 4, submitted.dt.year - 1)
    fq = ((submitted.dt.month - 4) % 12) // 3 + 1
    period = fy.astype(str) + "-" + (fy % 100 + 1).astype(str).str.zfill(2) + " Q" + fq.astype(str)
    print("kpi,period,positive,substantive")
    for kpi, column in columns.items():
        answers = df[column].fillna("").str.strip().str.lower().str.replace("\u2019", "'", regex=False)
        positive = answers.isin(POSITIVE).astype("int64")
        substantive = answers.isin(SUBSTANTIVE).astype("int64")
        print(f"{kpi},all,{int(positive.sum())},{int(substantive.sum())}")
        grouped = pd.DataFrame({"p": positive, "s": substantive, "period": period}).groupby("period").sum()
        for label, row in grouped.iterrows():
            print(f"{kpi},{label},{int(row['p'])},{int(row['s'])}")


if __name__ == "__main__":
    main()
