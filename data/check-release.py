#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The releases agree: meson's project version is the newest release in
NEWS, in the metainfo and in the DOAP file, every release there has the
same date in each, and the DOAP file names what GNOME's tools read.

Usage: check-release.py VERSION NEWS METAINFO DOAP
"""
import re
import sys
import xml.etree.ElementTree as ET

DOAP = '{http://usefulinc.com/ns/doap#}'
RDF = '{http://www.w3.org/1999/02/22-rdf-syntax-ns#}'
FOAF = '{http://xmlns.com/foaf/0.1/}'


def news_releases(path):
    text = open(path, encoding='utf-8').read()
    found = re.findall(r'^Version (\S+)\n~+\nReleased: (\d{4}-\d{2}-\d{2})$', text, re.M)
    versions = re.findall(r'^Version (\S+)$', text, re.M)
    if len(found) != len(versions):
        sys.exit(f'{path}: every "Version X" needs a "~~~" line and "Released: YYYY-MM-DD" under it')
    return found


def metainfo_releases(path):
    root = ET.parse(path).getroot()
    return [(r.get('version'), r.get('date')) for r in root.iter('release')]


def doap_releases(path):
    root = ET.parse(path).getroot()
    for tag in ('name', 'shortdesc', 'description', 'homepage', 'bug-database', 'license',
                'programming-language', 'maintainer'):
        if root.find(DOAP + tag) is None:
            sys.exit(f'{path}: no <{tag}>')
    for tag in ('homepage', 'bug-database', 'license'):
        if not root.find(DOAP + tag).get(RDF + 'resource'):
            sys.exit(f'{path}: <{tag}> has no rdf:resource')
    if root.find(f'{DOAP}maintainer/{FOAF}Person/{FOAF}name') is None:
        sys.exit(f'{path}: the maintainer is no foaf:Person with a foaf:name')
    return [(v.findtext(DOAP + 'revision'), v.findtext(DOAP + 'created'))
            for v in root.iter(DOAP + 'Version')]


def main():
    version, news, metainfo, doap = sys.argv[1:5]
    lists = {
        news: news_releases(news),
        metainfo: metainfo_releases(metainfo),
        doap: doap_releases(doap),
    }
    status = 0
    for path, releases in lists.items():
        if not releases:
            print(f'{path}: no releases')
            status = 1
        elif releases[0][0] != version:
            print(f'{path}: the newest release is {releases[0][0]}, meson says {version}')
            status = 1
        else:
            print(f'{path}: {", ".join(v + " " + d for v, d in releases)}')
    if status == 0 and len({tuple(r) for r in lists.values()}) != 1:
        print('the releases differ:', lists)
        status = 1
    return status


if __name__ == '__main__':
    sys.exit(main())
