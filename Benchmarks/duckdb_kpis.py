#!/usr/bin/env python3
"""The KPI job with DuckDB, for side-by-side timing with engage (Benchmarks/run).

For each ehcp-parent-carer KPI: agreeing (strongly agree, agree) and substantive
(the five-point scale; blank, Don't know and Not applicable excluded) counts and the
percentage, overall and by UK financial quarter (Q1 = April-June), from a
one-header-row export whose timestamp column is read day-first.

usage: duckdb_kpis.py EXPORT.csv [--timestamp COLUMN] [--date-format FORMAT]
needs: duckdb, installed by Benchmarks/run in a virtual environment under .build/.
"""
import argparse
import sys
import unicodedata

import duckdb

STATEMENTS = {
    "felt-fully-involved": "i felt fully involved in the process",
    "communication-good": "communication throughout the process was good",
    "plan-reflects-needs": "the ehc plan accurately reflects my child's needs",
    "outcomes-good": "the outcomes in the ehc plan are good",
    "provision-meets-needs": "the provision in the ehc plan will meet my child's needs",
}


def norm(text):
    text = unicodedata.normalize("NFKC", str(text)).replace("\u2019", "'").replace("\u00a0", " ")
    return " ".join(text.lower().split())


def quoted(name):
    return '"' + name.replace('"', '""') + '"'


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("export")
    parser.add_argument("--timestamp")
    parser.add_argument("--date-format", default="%d/%m/%Y %H:%M:%S")
    args = parser.parse_args()
    con = duckdb.connect()
    # strict_mode off: DuckDB's sniffer otherwise refuses a header cell with a line break.
    reader = "read_csv(?, all_varchar = true, delim = ',', quote = '\"', escape = '\"', header = true, strict_mode = false)"
    header = [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {reader}", [args.export]).fetchall()]
    columns = {}
    for kpi, text in STATEMENTS.items():
        hits = [c for c in header if text in norm(c)]
        if len(hits) != 1:
            sys.exit(f"{kpi}: expected one column containing {text!r}, found {hits}")
        columns[kpi] = hits[0]
    stamp = args.timestamp or next(c for c in header if "time" in c.lower() or "date" in c.lower())
    aggregates = []
    for i, column in enumerate(columns.values()):
        answer = f"lower(trim(replace(coalesce({quoted(column)}, ''), '\u2019', '''')))"
        aggregates.append(f"count(*) FILTER (WHERE {answer} IN ('strongly agree', 'agree')) AS p{i}")
        aggregates.append(f"count(*) FILTER (WHERE {answer} IN ('strongly agree', 'agree', 'neither agree nor disagree', "
                          f"'disagree', 'strongly disagree')) AS s{i}")
    sql = f"""
      WITH t AS (SELECT strptime({quoted(stamp)}, '{args.date_format}') AS submitted, * EXCLUDE ({quoted(stamp)}) FROM {reader}),
           u AS (SELECT CASE WHEN month(submitted) >= 4 THEN year(submitted) ELSE year(submitted) - 1 END AS fy,
                        ((month(submitted) - 4 + 12) % 12) // 3 + 1 AS fq, * FROM t)
      SELECT grouping(fy, fq) AS g, fy, fq, {', '.join(aggregates)}
      FROM u GROUP BY GROUPING SETS ((), (fy, fq)) ORDER BY g DESC, fy, fq"""
    print("kpi,period,positive,substantive")
    for row in con.execute(sql, [args.export]).fetchall():
        grouped, fy, fq = row[:3]
        period = "all" if grouped else f"{fy}-{(fy % 100) + 1:02d} Q{fq}"
        for i, kpi in enumerate(columns):
            print(f"{kpi},{period},{row[3 + 2 * i]},{row[4 + 2 * i]}")


if __name__ == "__main__":
    main()
