"""The same monthly figures as `tahawul import events` with the benchmark's definition (every
GED event in Iraq, by the month of date_start, events spanning months left out), by pandas:
read the columns needed, filter, group by month. Prints the seconds and the events counted.

usage: pandas_groupby.py FILE.csv
"""
import sys
import time

import pandas as pd

t0 = time.perf_counter()
df = pd.read_csv(sys.argv[1], usecols=["country", "adm_1", "date_start", "date_end"], dtype=str,
                 keep_default_na=False)
iraq = df[(df["country"] == "Iraq") & (df["date_start"].str[:7] == df["date_end"].str[:7])]
# An event placed only at country level counts for Iraq as a whole, as in the importer.
monthly = iraq.groupby(iraq["date_start"].str[:7]).size()
seconds = time.perf_counter() - t0
print(f"{seconds:.3f} {int(monthly.sum())} {len(monthly)}")
