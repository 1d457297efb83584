"""What every stage uses: problems kept as values, the build clock, a pool of worker
processes, and reads that stay inside the folder they were given.

  problems.py     Problem, Severity and Report: content problems as values, printed by __main__
  clock.py        the build clock (--now, SOURCE_DATE_EPOCH, the system clock) and time zones
  worker_pool.py  a forked pool over both cores, results in order
  containment.py  a symbolic link is followed only where it stays inside its folder
  addresses.py    whether a text is an address a browser can open (no typo urlsplit refuses)

May import: nothing of the generator.
"""
