#!/usr/bin/env python3
"""Prints each failed test of the given TRX files with its message: the end of a test run, where a reader looks first."""
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
MAX_LINES = 12

failed = []
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        failed.append((path, f"unreadable results file: {e}"))
        continue
    for result in root.iterfind(".//t:UnitTestResult", NS):
        if result.get("outcome") != "Failed":
            continue
        message = result.findtext("t:Output/t:ErrorInfo/t:Message", default="(no message)", namespaces=NS).strip()
        lines = message.splitlines()
        if len(lines) > MAX_LINES:
            lines = lines[:MAX_LINES] + [f"... ({len(lines) - MAX_LINES} more lines)"]
        failed.append((result.get("testName"), "\n".join(lines)))

if failed:
    print(f"\n{len(failed)} failed:")
    for name, message in failed:
        print(f"- {name}")
        for line in message.splitlines():
            print(f"    {line}")
