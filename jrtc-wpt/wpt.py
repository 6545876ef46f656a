#!/usr/bin/env python3
"""Runs WPT files against jrtc in parallel shards and reports the score (called by run-wpt.sh).

Most of a full run is spent waiting: a file whose peers never connect waits for its timeout
(10 s, or 60 s for files marked long) while the CPU idles. The files are therefore split into
--jobs shards, balanced by each file's time in the last results (expected.json), and each shard
runs in its own runner process (../shared/wpt/run.sh). The shards' JSON results are merged into
one file of the runner's format (wpt-graal-runner/1); the ratchet compares them with
expected.json through the runner's own --expect.

Output: each shard's per-file lines (in file order), the merged totals line, then
  jrtc P / T -- Chromium C, Firefox F, either E
computed over the files that ran, and last one JSON line with the totals.
Exit code: 1 when the ratchet finds a regression, 2 on a usage or runner failure, else 0.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def is_test_file(name):
    # Mirrors the runner's PageParser.isTestFile.
    return name.endswith(('.html', '.htm', '.window.js', '.any.js'))


def expand(targets):
    """Files and folders -> test files (absolute), like the runner; globs are kept as they are."""
    out, seen = [], set()
    for t in targets:
        if os.path.isfile(t):
            items = [os.path.abspath(t)]
        elif os.path.isdir(t):
            items = []
            for root, dirs, files in os.walk(t):
                dirs.sort()
                items += [os.path.abspath(os.path.join(root, f)) for f in files if is_test_file(f)]
            items.sort()
        else:
            items = [t]  # a glob: the runner expands it
        for i in items:
            if i not in seen:
                seen.add(i)
                out.append(i)
    return out


def load_millis(path, wpt_root):
    """file -> (millis, harness status) from a previous result file (absent: {})."""
    try:
        with open(path, encoding='utf-8') as f:
            doc = json.load(f)
    except (OSError, ValueError):
        return {}
    return {os.path.join(wpt_root, x['file']): (x.get('millis', 0), x.get('harness'))
            for x in doc.get('files', [])}


STAGGER_S = 3


def shard(files, jobs, known):
    """Longest-processing-time-first split into at most jobs lists (default cost 10 s)."""
    jobs = max(1, min(jobs, len(files)))
    millis = {f: m for f, (m, _) in known.items()}
    loads = [[0, i, []] for i in range(jobs)]
    for f in sorted(files, key=lambda f: -millis.get(f, 10000)):
        loads.sort()
        loads[0][0] += millis.get(f, 10000)
        loads[0][2].append(f)
    # Each shard keeps the longest (mostly waiting) files first: a runner's first files pay for
    # its cold start (GraalJS engine, testharness.js, jrtc's classes), and a file that only waits
    # for its timeout is the one that does not care.
    return [l[2] for l in sorted(loads, key=lambda l: l[1]) if l[2]]


def subtest_set(doc, files=None):
    out = {}
    for f in doc['files']:
        if files is not None and f['file'] not in files:
            continue
        for t in f['subtests']:
            out[(f['file'], t['name'])] = t['status']
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--runner', required=True)
    ap.add_argument('--binding', required=True)
    ap.add_argument('--classpath', required=True)
    ap.add_argument('--wpt-root', required=True)
    ap.add_argument('--browsers', required=True)
    ap.add_argument('--expected', required=True)
    ap.add_argument('--json')
    ap.add_argument('--ratchet', action='store_true')
    ap.add_argument('--update-expected', action='store_true')
    ap.add_argument('--jobs', type=int, default=4)
    ap.add_argument('--timeout-s')
    ap.add_argument('targets', nargs='+')
    a = ap.parse_args()

    if a.ratchet and not os.path.isfile(a.expected):
        print(f'run-wpt.sh: {a.expected} is missing (make it with --update-expected)', file=sys.stderr)
        return 2
    files = expand(a.targets)
    if not files:
        print('run-wpt.sh: no test files', file=sys.stderr)
        return 2
    shards = shard(files, a.jobs, load_millis(a.expected, a.wpt_root))

    start = time.time()
    tmp = tempfile.mkdtemp(prefix='jrtc-wpt.')
    procs = []
    for i, part in enumerate(shards):
        if i:
            # Staggered starts: cold JVMs starting together on few cores slow each other's
            # first files past their timeouts.
            time.sleep(STAGGER_S)
        cmd = [a.runner, '--binding', a.binding, '--classpath', a.classpath,
               '--json', os.path.join(tmp, f'shard{i}.json')]
        if a.timeout_s:
            cmd += ['--timeout-s', a.timeout_s]
        if a.ratchet:
            cmd += ['--expect', a.expected]
        cmd += part
        out = open(os.path.join(tmp, f'shard{i}.out'), 'w', encoding='utf-8')
        procs.append((subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT), out))
    rcs = []
    for p, out in procs:
        rcs.append(p.wait())
        out.close()
    elapsed = time.time() - start

    # Per-file blocks of every shard in the order of the file list, then the ratchet sections.
    blocks, tails, docs = {}, [], []
    for i in range(len(shards)):
        with open(os.path.join(tmp, f'shard{i}.out'), encoding='utf-8', errors='replace') as f:
            text = f.read()
        cur, rest = None, []
        for line in text.splitlines():
            if line.startswith('== '):
                cur = line.split()[1]
                blocks[cur] = [line]
            elif line.startswith('files ') and ', subtests ' in line:
                cur = None
            elif line.startswith('json: '):
                continue
            elif cur is not None and line.startswith(' '):
                blocks[cur].append(line)
            elif cur is not None and line == '':
                cur = None
            else:
                rest.append(line)
        tails.append((i, rest))
        try:
            with open(os.path.join(tmp, f'shard{i}.json'), encoding='utf-8') as f:
                docs.append(json.load(f))
        except (OSError, ValueError):
            print(f'run-wpt.sh: shard {i} wrote no results (exit {rcs[i]}):\n{text[-3000:]}', file=sys.stderr)
            return 2
    for label in sorted(blocks):
        print('\n'.join(blocks[label]))

    merged_files = sorted((f for d in docs for f in d['files']), key=lambda f: f['file'])
    summary = {}
    for d in docs:
        for k, v in d.get('summary', {}).items():
            if isinstance(v, (int, float)):
                summary[k] = summary.get(k, 0) + v
    merged = {'format': docs[0].get('format', 'wpt-graal-runner/1'), 'summary': summary, 'files': merged_files}
    print()
    print('files {files}, subtests {subtests}, pass {pass}, fail {fail}, timeout {timeout}, notrun {notrun}, '
          'precondition_failed {precondition_failed}, files_with_harness_not_ok {files_with_harness_not_ok}'
          .format(**{k: summary.get(k, 0) for k in ('files', 'subtests', 'pass', 'fail', 'timeout', 'notrun',
                                                      'precondition_failed', 'files_with_harness_not_ok')}))
    for i, rest in tails:
        text = '\n'.join(l for l in rest if l.strip())
        if text:
            print(f'\n-- shard {i + 1}/{len(shards)} --\n{text}')

    text = json.dumps(merged, indent=1, ensure_ascii=False) + '\n'
    if a.json:
        with open(a.json, 'w', encoding='utf-8') as f:
            f.write(text)
    if a.update_expected:
        with open(a.expected, 'w', encoding='utf-8') as f:
            f.write(text)
        print(f'run-wpt.sh: wrote {a.expected}', file=sys.stderr)

    # The score over the files that ran: the set is the union of the subtests jrtc and the
    # browsers report for them.
    labels = {f['file'] for f in merged_files}
    ours = subtest_set(merged)
    with open(os.path.join(a.browsers, 'chromium.json'), encoding='utf-8') as f:
        chromium = subtest_set(json.load(f), labels)
    with open(os.path.join(a.browsers, 'firefox.json'), encoding='utf-8') as f:
        firefox = subtest_set(json.load(f), labels)
    total = len(set(ours) | set(chromium) | set(firefox))
    mine = {k for k, s in ours.items() if s == 'PASS'}
    c = {k for k, s in chromium.items() if s == 'PASS'}
    ff = {k for k, s in firefox.items() if s == 'PASS'}
    print(f'jrtc {len(mine)} / {total} \u2014 Chromium {len(c)}, Firefox {len(ff)}, either {len(c | ff)}')
    totals = {
        'jrtc_pass': len(mine), 'subtests': total, 'chromium_pass': len(c), 'firefox_pass': len(ff),
        'either_pass': len(c | ff), 'browser_pass_jrtc_fail': len((c | ff) - mine),
        'jrtc_pass_no_browser': len(mine - (c | ff)), 'files': len(labels),
        'fail': summary.get('fail', 0), 'timeout': summary.get('timeout', 0), 'notrun': summary.get('notrun', 0),
        'files_with_harness_not_ok': summary.get('files_with_harness_not_ok', 0),
        'seconds': round(elapsed, 1), 'jobs': len(shards),
    }
    if any(rc not in (0, 1) for rc in rcs):
        if a.ratchet:
            totals['ratchet'] = 'runner-error'
        print(json.dumps(totals, sort_keys=True))
        return 2
    regressed = False
    if a.ratchet and any(rc == 1 for rc in rcs):
        # A loaded machine can push a file past its timeout. Files with a regression get one more
        # run, alone, before the ratchet fails; what passed only on the retry is printed as flaky.
        with open(a.expected, encoding='utf-8') as f:
            before = subtest_set(json.load(f))
        lost = sorted({fl for (fl, name), st in before.items()
                       if st == 'PASS' and ours.get((fl, name)) != 'PASS' and fl in labels})
        by_label = {}
        for path in files:
            by_label[os.path.relpath(path, a.wpt_root)] = path
        retry = [by_label[l] for l in lost if l in by_label]
        print(f'\nratchet: {len(lost)} file(s) lost passes; running them again, one at a time: {lost}')
        cmd = [a.runner, '--binding', a.binding, '--classpath', a.classpath, '--expect', a.expected,
               '--json', os.path.join(tmp, 'retry.json')]
        if a.timeout_s:
            cmd += ['--timeout-s', a.timeout_s]
        rc = subprocess.call(cmd + retry) if retry else 1
        regressed = rc != 0
        if not regressed:
            print(f'ratchet: flaky under load, passed on the retry: {lost}')
    elif a.ratchet:
        regressed = False
    if a.ratchet:
        totals['ratchet'] = 'regressions' if regressed else 'ok'
    print(json.dumps(totals, sort_keys=True))
    return 1 if regressed else 0


if __name__ == '__main__':
    sys.exit(main())
