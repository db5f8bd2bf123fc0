#!/usr/bin/env bash
# Prints the Maven Surefire and Failsafe summary from the XML reports under $1 (default target/).
dir=${1:-target}
python3 - "$dir" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
root = sys.argv[1]
total = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
for kind in ("surefire-reports", "failsafe-reports"):
    sums = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    bad = []
    for f in sorted(glob.glob(f"{root}/{kind}/TEST-*.xml")):
        s = ET.parse(f).getroot()
        for k in sums:
            sums[k] += int(s.get(k, 0))
        for tc in s.iter("testcase"):
            if tc.find("failure") is not None or tc.find("error") is not None:
                bad.append(f'{tc.get("classname")}.{tc.get("name")}')
    for k in total:
        total[k] += sums[k]
    print(f"[summary] {kind:17s} Tests run: {sums['tests']}, Failures: {sums['failures']}, "
          f"Errors: {sums['errors']}, Skipped: {sums['skipped']}")
    for b in bad:
        print(f"[summary]   FAILED {b}")
print(f"[summary] all               Tests run: {total['tests']}, Failures: {total['failures']}, "
      f"Errors: {total['errors']}, Skipped: {total['skipped']}")
PY
