#!/usr/bin/env python3
"""Reads every row of an .xlsx workbook's first sheet, for side-by-side timing with
`engage inspect` (Benchmarks/run), and prints the number of data rows (header excluded).

usage: read_workbook.py calamine|openpyxl WORKBOOK.xlsx
  calamine: pandas.read_excel(engine="calamine"), the python-calamine (Rust) reader
  openpyxl: openpyxl.load_workbook(read_only=True), iterating over the rows
needs: pandas, python-calamine and openpyxl, installed by Benchmarks/run in a virtual
environment under .build/ (never dependencies of engage).
"""
import sys

engine, path = sys.argv[1], sys.argv[2]
if engine == "calamine":
    import pandas as pd
    frame = pd.read_excel(path, engine="calamine")
    print(len(frame.index))
elif engine == "openpyxl":
    import openpyxl
    book = openpyxl.load_workbook(path, read_only=True)
    rows = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    print(rows - 1)
else:
    sys.exit(f"unknown engine {engine}")
