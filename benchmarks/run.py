"""Time ctwp against yamllint and check-jsonschema, side by side, and write RESULTS.md.

    pip install '.[bench]' && python benchmarks/run.py [--runs N] [--sizes 100,1000,...]

Every measurement is a whole process, started from scratch, timed from the outside: the
median and the spread of several runs, and the peak memory (maximum resident set size) of
the process. On the same synthetic files (see generate.py), in the same run, it times
yamllint (YAML lint only) and check-jsonschema against ctwp's exported schema (schema
only, without line numbers): the tools a user would otherwise reach for.

Queries read validated data from ctwp's cache once a first run has filled it; that first
run, which validates, is reported too.

The story comes first: each ratio the work on speed aims at, measured in paired runs (in each
round every command of a comparison runs once, in turn, and the ratio is taken within the
round), as the median and spread of the ratios of CPU time (user + system of the process),
which a busy machine disturbs less than wall time; the machine's load is recorded with them.
"""

from __future__ import annotations

import argparse
import compileall
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from generate import FIRST_YEAR, WORDS, generate, generate_unknown_links

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
SCHEMA = REPO / "schema" / "ctwp.schema.json"
TOOLS = Path(sys.executable).parent
YEARS = 5


@dataclass
class Timing:
    label: str
    seconds: list[float]
    peak_mb: float
    first: float | None = None  # the run that filled the cache
    cpu: list[float] | None = None  # user and system time: steadier than wall time on a busy machine

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def spread(self) -> str:
        return f"{min(self.seconds):.3f}–{max(self.seconds):.3f}"


def run_once(
    command: list[str], env: dict, expect: tuple[int, ...], before: Callable[[], None] | None = None
) -> tuple[float, float, float]:
    """Seconds, peak memory (MB) and CPU seconds of one process; ``before`` runs first, untimed."""
    if before:
        before()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=REPO)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in expect:
        raise SystemExit(f"{' '.join(command)} exited {code}: {stderr.decode(errors='replace')[-500:]}")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def measure(
    label: str,
    command: list[str],
    runs: int,
    env: dict,
    expect: tuple[int, ...] = (0,),
    warm_up: bool = False,
    before: Callable[[], None] | None = None,
) -> Timing:
    # Each command its own cache, so that its first run is the one that fills it.
    env = {**env, "CTWP_CACHE_DIR": tempfile.mkdtemp(dir=env["CTWP_CACHE_DIR"])}
    first = run_once(command, env, expect, before)[0] if warm_up else None
    results = [run_once(command, env, expect, before) for _ in range(runs)]
    timing = Timing(
        label, [result[0] for result in results], max(result[1] for result in results), first, [result[2] for result in results]
    )
    first_text = f", first run {first:.3f}s" if first is not None else ""
    print(
        f"  {label:<44} {timing.median:7.3f}s  ({timing.spread}){first_text}  {timing.peak_mb:6.0f} MB  cpu {timing.cpu_median:.3f}s",
        flush=True,
    )
    return timing


def environment(cache: Path) -> dict:
    cache.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("CTWP_") and key != "PYTHONDONTWRITEBYTECODE"}
    # The ctwp of this working tree, whatever copy is installed; compiled as an installed one is.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    # A 50,000-item year is about 19 MB, near the default limit of 20 MB.
    return {**env, "CTWP_CACHE_DIR": str(cache), "CTWP_MAX_FILE_MB": "64", "NO_COLOR": "1", "COLUMNS": "80"}


def ctwp(*args: str) -> list[str]:
    return [str(TOOLS / "ctwp"), *args]


@dataclass
class Ratio:
    """One comparison of the story: CPU seconds of ``ours`` and of ``theirs`` in each round."""

    label: str
    target: float
    ours: list[float]
    theirs: list[float]

    @property
    def ratios(self) -> list[float]:
        return [mine / other for mine, other in zip(self.ours, self.theirs, strict=True)]

    @property
    def median(self) -> float:
        return statistics.median(self.ratios)

    def line(self) -> str:
        ratios = self.ratios
        measured = (
            f"{self.median:.2f} × ({min(ratios):.2f}–{max(ratios):.2f}); "
            f"CPU {statistics.median(self.ours):.3f}s vs {statistics.median(self.theirs):.3f}s"
        )
        return check(f"{self.label}: at most {self.target} ×", measured, self.median <= self.target)


def paired(commands: dict[str, tuple[list[str], Callable[[], None] | None, dict]], runs: int) -> dict[str, list[float]]:
    """CPU seconds of each command (with what runs before it, untimed, and its environment) in
    each of ``runs`` rounds, the commands taking turns."""
    seconds: dict[str, list[float]] = {key: [] for key in commands}
    for _ in range(runs):
        for key, (command, before, env) in commands.items():
            seconds[key].append(run_once(command, env, (0, 1), before)[2])
    return seconds


def validation_floor(data: Path, env: dict) -> float:
    """CPU seconds of libyaml's events and pydantic's validation of ``data`` (benchmarks/floor.py)."""
    output = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("floor.py")), str(data)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    floor = json.loads(output)
    return floor["events"] + floor["validation"]


def benchmark_story(work: Path, runs: int) -> tuple[list[Ratio], list[str]]:
    """The ratios the work on speed aims at, each against its peer or floor, in paired runs;
    and the machine's load at the start and the end."""
    real = REPO / "data"
    env = environment(work / "cache-story")
    cold_cache = Path(env["CTWP_CACHE_DIR"]) / "cold"
    cold_env = {**env, "CTWP_CACHE_DIR": str(cold_cache)}

    def forget_the_cache() -> None:  # as after any edit to the data: the entry is stale
        shutil.rmtree(cold_cache, ignore_errors=True)

    list_dpmc = ctwp("list", "--lead", "DPMC", "--data", str(real))
    run_once(list_dpmc, env, (0,))  # fills the warm cache
    loads = [os.getloadavg()]
    print("The story: paired runs, CPU time", flush=True)
    small = paired(
        {
            "yamllint": ([str(TOOLS / "yamllint"), str(real / "2022.yaml")], None, env),
            "warm": (list_dpmc, None, env),
            "cold": (list_dpmc, forget_the_cache, cold_env),
            "version": (ctwp("--version"), None, env),
        },
        # Many rounds: each takes a fraction of a second, and on a shared machine the ratio of
        # one round ranges from about 1 x to 2 x.
        max(runs, 30),
    )
    ratios = [
        Ratio("cold `ctwp list --lead DPMC` (after an edit) vs yamllint `data/2022.yaml`", 1.5, small["cold"], small["yamllint"]),
        Ratio("warm `ctwp list --lead DPMC` (from the cache) vs yamllint", 0.8, small["warm"], small["yamllint"]),
        Ratio("`ctwp --version` vs yamllint", 1.0, small["version"], small["yamllint"]),
    ]
    data = work / "story-50000"
    # In a process of its own: this one's memory would count in the peak of every later run.
    generator = [sys.executable, str(Path(__file__).with_name("generate.py")), "--items", "50000", "--years", str(YEARS), str(data)]
    subprocess.run(generator, check=True, stdout=subprocess.DEVNULL)
    last, before_last = str(FIRST_YEAR + YEARS - 1), str(FIRST_YEAR + YEARS - 2)
    for command in (["diff", before_last, last], ["list"], ["due"]):
        run_once(ctwp(*command, "--data", str(data)), env, (0,))  # fills the cache
    big_runs = min(runs, 3)
    big = paired(
        {
            f"{name} {output}": (ctwp(*command, "--data", str(data), *(["--format", "json"] if output == "json" else [])), None, env)
            for name, command in (("diff", ["diff", before_last, last]), ("list", ["list"]), ("due", ["due"]))
            for output in ("table", "json")
        },
        big_runs,
    )
    ratios += [
        Ratio(f"`ctwp {name}` as a table vs its JSON, 50,000 items", 1.5, big[f"{name} table"], big[f"{name} json"])
        for name in ("diff", "list", "due")
    ]
    validate = {"validate": [], "floor": []}
    for _ in range(big_runs):
        validate["validate"].append(run_once(ctwp("validate", "--data", str(data)), env, (0,))[2])
        validate["floor"].append(validation_floor(data, env))
    ratios.append(
        Ratio(
            "`ctwp validate`, 50,000 items, vs the floor: libyaml's events + pydantic's validation",
            1.3,
            validate["validate"],
            validate["floor"],
        )
    )
    loads.append(os.getloadavg())
    for ratio in ratios:
        print(f"  {ratio.label:<80} {ratio.median:5.2f} ×  ({min(ratio.ratios):.2f}–{max(ratio.ratios):.2f})", flush=True)
    load_lines = [
        f"- Load (1, 5, 15 min) at the start: {loads[0][0]:.2f}, {loads[0][1]:.2f}, {loads[0][2]:.2f}; at the end: "
        f"{loads[1][0]:.2f}, {loads[1][1]:.2f}, {loads[1][2]:.2f}"
    ]
    return ratios, load_lines


def benchmark_size(items: int, work: Path, runs: int, only: set[str] | None, site_dir: Path) -> dict[str, Timing]:
    data = work / f"items-{items}"
    files = [str(path) for path in generate(data, items, YEARS)]
    last, before_last = str(FIRST_YEAR + YEARS - 1), str(FIRST_YEAR + YEARS - 2)
    env = environment(work / f"cache-{items}")
    print(f"{items:,} items over {YEARS} years ({sum(Path(f).stat().st_size for f in files) / 2**20:.1f} MB)", flush=True)
    # Every item in each output format: a table (80 columns, as in a pipe) against CSV and JSON.
    every_item = {
        key: (f"ctwp list --format {key} (every item)", ctwp("list", "--format", key, "--data", str(data)))
        for key in ("table", "csv", "json")
    }
    commands = {
        "validate": ("ctwp validate", ctwp("validate", "--data", str(data)), False),
        "list": ("ctwp list --lead DPMC --format json", ctwp("list", "--lead", "DPMC", "--format", "json", "--data", str(data)), True),
        "due": (
            f"ctwp due --before {before_last}-07 --format json",
            ctwp("due", "--before", f"{before_last}-07", "--format", "json", "--data", str(data)),
            True,
        ),
        "diff": (
            f"ctwp diff {before_last} {last} --format json",
            ctwp("diff", before_last, last, "--format", "json", "--data", str(data)),
            True,
        ),
        **{key: (label, command, True) for key, (label, command) in every_item.items()},
    }
    timings = {
        key: measure(label, command, runs, env, warm_up=warm_up)
        for key, (label, command, warm_up) in commands.items()
        if only is None or key in only
    }
    if only is None or "site" in only:
        timings["site"] = measure_site(data, site_dir / f"ctwp-bench-site-{items}", runs, env)
    if only is None or "yamllint" in only:
        timings["yamllint"] = measure("yamllint", [str(TOOLS / "yamllint"), *files], runs, env, expect=(0, 1))
    if only is None or "check-jsonschema" in only:
        timings["check-jsonschema"] = measure(
            "check-jsonschema", [str(TOOLS / "check-jsonschema"), "--schemafile", str(SCHEMA), *files], runs, env
        )
    return timings


def measure_site(data: Path, out: Path, runs: int, env: dict) -> Timing:
    """ctwp site into a new folder each run (removing the last one is not timed)."""
    timing = measure(
        "ctwp site",
        ctwp("site", str(out), "--data", str(data)),
        runs,
        env,
        warm_up=True,
        before=lambda: shutil.rmtree(out, ignore_errors=True),
    )
    shutil.rmtree(out, ignore_errors=True)  # --site-dir may be outside the work folder
    return timing


def site_lines(sizes: dict[int, dict]) -> list[str]:
    """The site's targets, search indexing counted (the Pagefind process is a child of ctwp's,
    so its CPU time counts, and its memory when it is the larger): at most 3 × ctwp validate
    in CPU at 10,000 items, and linear growth in CPU and in peak memory."""
    lines = []
    if 10_000 in sizes:
        site, validate = sizes[10_000]["site"], sizes[10_000]["validate"]
        ratio = site.cpu_median / validate.cpu_median
        lines.append(
            check(
                "`ctwp site` (with search) at 10,000 items: at most 3 × `ctwp validate` in CPU",
                f"CPU {site.cpu_median:.2f}s vs {validate.cpu_median:.2f}s: {ratio:.2f} × "
                f"(wall {site.median:.2f}s vs {validate.median:.2f}s: {site.median / validate.median:.2f} ×)",
                ratio <= 3,
            )
        )
    counts = sorted(sizes)
    for smaller, larger in itertools.pairwise(counts):
        before, after = sizes[smaller]["site"], sizes[larger]["site"]
        cpu, memory = after.cpu_median / before.cpu_median, after.peak_mb / before.peak_mb
        limit = 1.1 * larger / smaller
        lines.append(
            check(
                f"`ctwp site` (with search) from {smaller:,} to {larger:,} items: at most {limit:.1f} × the CPU time and the memory",
                f"CPU {cpu:.2f} × ({before.cpu_median:.2f}s to {after.cpu_median:.2f}s), "
                f"memory {memory:.2f} × ({before.peak_mb:.0f} to {after.peak_mb:.0f} MB), wall {after.median / before.median:.2f} ×",
                cpu <= limit and memory <= limit,
            )
        )
    return lines


def benchmark_real_data(work: Path, runs: int) -> dict[str, Timing]:
    env = environment(work / "cache-real")
    print("The published data", flush=True)
    return {
        "list": measure("ctwp list --lead DPMC", ctwp("list", "--lead", "DPMC", "--data", str(REPO / "data")), runs, env, warm_up=True),
        "list-json": measure(
            "ctwp list --lead DPMC --format json",
            ctwp("list", "--lead", "DPMC", "--format", "json", "--data", str(REPO / "data")),
            runs,
            env,
            warm_up=True,
        ),
        "validate": measure("ctwp validate", ctwp("validate", "--data", str(REPO / "data")), runs, env),
        "yamllint": measure(
            "yamllint data/2022.yaml", [str(TOOLS / "yamllint"), str(REPO / "data" / "2022.yaml")], runs, env, expect=(0, 1)
        ),
    }


def benchmark_huge_title(work: Path, runs: int) -> dict[str, Timing]:
    """One item whose title is 15 MB of words, as a table, CSV and JSON: wrapping it must
    cost time in step with its size."""
    data = work / "huge-title"
    data.mkdir()
    for registry in ("agencies.yaml", "rcoi.yaml"):
        (data / registry).write_bytes((REPO / "data" / registry).read_bytes())
    title = " ".join(WORDS[index % len(WORDS)] for index in range(1_600_000))[: 15 * 2**20].strip()
    (data / f"{FIRST_YEAR}.yaml").write_text(
        f"year: {FIRST_YEAR}\ntitle: One huge title\nsource: benchmark\ngroups:\n"
        f"  - id: {FIRST_YEAR}-group\n    kind: capability\n    title: Group\n    items:\n"
        f"      - id: {FIRST_YEAR}-huge\n        title: {title}\n        leads: [DPMC]\n"
        "        milestones:\n          - due: tbd\n",
        encoding="utf-8",
    )
    env = environment(work / "cache-huge-title")
    print("One item with a 15 MB title", flush=True)
    return {
        key: measure(
            f"ctwp list --format {key} (a 15 MB title)", ctwp("list", "--format", key, "--data", str(data)), runs, env, warm_up=True
        )
        for key in ("table", "csv", "json")
    }


def benchmark_big_diff(work: Path, runs: int) -> dict[str, Timing]:
    items = 50_000
    data = work / "two-big-years"
    generate(data, 2 * items, 2)
    env = environment(work / "cache-two-big-years")
    first, second = str(FIRST_YEAR), str(FIRST_YEAR + 1)
    print(f"Two years of {items:,} items each", flush=True)
    return {
        "diff": measure(
            f"ctwp diff {first} {second} --format json",
            ctwp("diff", first, second, "--format", "json", "--data", str(data)),
            runs,
            env,
            warm_up=True,
        ),
        "validate": measure("ctwp validate (both years)", ctwp("validate", "--data", str(data)), runs, env),
    }


UNKNOWN_LINKS = (1_000, 2_000, 4_000)


def benchmark_unknown_links(work: Path, runs: int) -> dict[int, Timing]:
    """``ctwp validate`` where every item of a year names a misspelt item in ``continues``:
    one finding with a did-you-mean hint per link."""
    env = environment(work / "cache-unknown-links")
    print("Unknown links (each with a did-you-mean hint)", flush=True)
    timings = {}
    for links in UNKNOWN_LINKS:
        data = work / f"unknown-links-{links}"
        generate_unknown_links(data, links)
        timings[links] = measure(f"ctwp validate, {links:,} unknown links", ctwp("validate", "--data", str(data)), runs, env, expect=(1,))
    return timings


def _version(package: str) -> str:
    # A partial run (--only) may measure ctwp alone, without the anchors of '.[bench]'.
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "(not installed)"


def machine() -> list[str]:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor(),
    )
    memory = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "?"
    )
    versions = ", ".join(
        f"{name} {_version(name)}" for name in ("ctwp", "typer", "pydantic", "PyYAML", "rich", "yamllint", "check-jsonschema")
    )
    return [
        f"- When: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {platform.platform()}; {cpu}; {os.cpu_count()} cores; {memory} memory",
        f"- Python {platform.python_version()}; {versions}",
    ]


def check(name: str, measured: str, met: bool) -> str:
    return f"| {name} | {measured} | {'met' if met else '**not met**'} |"


def report(
    real: dict, sizes: dict[int, dict], big: dict, runs: int, huge: dict, links: dict[int, Timing], story: tuple | None = None
) -> str:
    lines = [
        "# Benchmark results",
        "",
        "Made by `python benchmarks/run.py`; every figure is a whole process, timed from outside,",
        f"the median of {runs} runs (spread: fastest–slowest).",
        "",
        *machine(),
        *(story[1] if story else []),
    ]
    if story:
        lines += [
            "",
            "## The story: each ratio against its peer or floor",
            "",
            "Paired runs (the commands take turns in each round); the median of the ratios of CPU time, and",
            "their spread. The floor of `ctwp validate` is benchmarks/floor.py: libyaml's events and pydantic's",
            "validation of the same files, with the cycle collector off as ctwp runs.",
            "",
            "| target | measured | |",
            "|---|---|---|",
            *(ratio.line() for ratio in story[0]),
            *site_lines({items: timings for items, timings in sizes.items() if items >= 10_000 and "site" in timings}),
        ]
    lines += [
        "",
        "## Targets",
        "",
        "| target | measured | |",
        "|---|---|---|",
    ]
    if real:
        yamllint_real = real["yamllint"].median
        ratio = real["list"].median / yamllint_real
        lines.append(
            check(
                "cold `ctwp list --lead DPMC` on the real data: at most 1.5 × yamllint on `data/2022.yaml`",
                f"{real['list'].median:.3f}s vs {yamllint_real:.3f}s: {ratio:.2f} ×",
                ratio <= 1.5,
            )
        )
    for items in (10_000, 50_000):
        if items in sizes and "validate" in sizes[items] and "check-jsonschema" in sizes[items]:
            ours, theirs = sizes[items]["validate"].median, sizes[items]["check-jsonschema"].median
            lines.append(
                check(
                    f"`ctwp validate` at {items:,} items: at most 0.5 × check-jsonschema",
                    f"{ours:.2f}s vs {theirs:.2f}s: {ours / theirs:.2f} ×",
                    ours / theirs <= 0.5,
                )
            )
    for items, timings in sizes.items():
        if "table" in timings and "csv" in timings:
            table, csv = timings["table"], timings["csv"]
            lines.append(
                check(
                    f"every item as a table at {items:,} items: at most 2 × CSV",
                    f"{table.median:.2f}s vs {csv.median:.2f}s: {table.median / csv.median:.2f} × "
                    f"(CPU {table.cpu_median:.2f}s vs {csv.cpu_median:.2f}s: {table.cpu_median / csv.cpu_median:.2f} ×)",
                    table.median <= 2 * csv.median,
                )
            )
    with_table = sorted(items for items, timings in sizes.items() if "table" in timings)
    if len(with_table) > 1:
        fewest, most = with_table[0], with_table[-1]
        grow = sizes[most]["table"].median / sizes[fewest]["table"].median
        lines.append(
            check(
                f"every item as a table, from {fewest:,} to {most:,} items: linear, at most {most / fewest:.0f} × the time",
                f"{grow:.2f} ×",
                grow <= most / fewest,
            )
        )
    if not story:
        lines += site_lines({items: timings for items, timings in sizes.items() if items >= 10_000 and "site" in timings})
    if 10_000 in sizes and 50_000 in sizes:
        for key in ("validate", "list", "due", "diff", "table"):
            if key not in sizes[10_000] or key not in sizes[50_000]:
                continue
            grow = sizes[50_000][key].median / sizes[10_000][key].median
            memory = sizes[50_000][key].peak_mb / sizes[10_000][key].peak_mb
            lines.append(
                check(
                    f"{'every item as a table' if key == 'table' else f'`ctwp {key}`'} from 10,000 to 50,000 items: "
                    f"at most 5.5 × the time (memory {memory:.1f} ×)",
                    f"{grow:.2f} ×",
                    grow <= 5.5,
                )
            )
    if huge:
        table, csv = huge["table"], huge["csv"]
        lines.append(
            check(
                "one item with a 15 MB title as a table: at most 3 × CSV",
                f"{table.median:.2f}s vs {csv.median:.2f}s: {table.median / csv.median:.2f} × "
                f"(CPU {table.cpu_median:.2f}s vs {csv.cpu_median:.2f}s: {table.cpu_median / csv.cpu_median:.2f} ×)",
                table.median <= 3 * csv.median,
            )
        )
    if big:
        diff, validate = big["diff"].median, big["validate"].median
        lines.append(
            check("`ctwp diff` of two 50,000-item years: under `ctwp validate` of both", f"{diff:.2f}s vs {validate:.2f}s", diff < validate)
        )
        first = big["diff"].first
        lines.append(f"| (the first diff, which validates and fills the cache) | {first:.2f}s | |")
    if links:
        low, high = min(links), max(links)
        grow = links[high].median / links[low].median
        lines.append(
            check(
                f"`ctwp validate` from {low:,} to {high:,} unknown links: at most {1.1 * high / low:.1f} × the time (linear)",
                f"{grow:.2f} ×",
                grow <= 1.1 * high / low,
            )
        )
    if real:
        lines += ["", "## The published data", "", "| command | median s | spread s | peak MB |", "|---|---|---|---|"]
        lines += [f"| {t.label} | {t.median:.3f} | {t.spread} | {t.peak_mb:.0f} |" for t in real.values()]
    if sizes:
        lines += [
            "",
            f"## Scaling: N items over {YEARS} years",
            "",
            "| items | command | median s | spread s | first run s | peak MB | median CPU s |",
            "|---|---|---|---|---|---|---|",
        ]
    for items, timings in sizes.items():
        lines += [
            f"| {items:,} | {t.label} | {t.median:.3f} | {t.spread} | {'' if t.first is None else f'{t.first:.3f}'} | {t.peak_mb:.0f} "
            f"| {t.cpu_median:.3f} |"
            for t in timings.values()
        ]
        if "validate" in timings and "check-jsonschema" in timings:
            ours, anchor = timings["validate"].median, timings["check-jsonschema"].median
            lines.append(f"| {items:,} | *ctwp validate / check-jsonschema* | {ours / anchor:.2f} × | | | | |")
    if huge:
        lines += [
            "",
            "## One item with a 15 MB title",
            "",
            "| command | median s | spread s | peak MB | median CPU s |",
            "|---|---|---|---|---|",
        ]
        lines += [f"| {t.label} | {t.median:.3f} | {t.spread} | {t.peak_mb:.0f} | {t.cpu_median:.3f} |" for t in huge.values()]
    if big:
        lines += ["", "## Two 50,000-item years", "", "| command | median s | spread s | first run s | peak MB |", "|---|---|---|---|---|"]
        lines += [
            f"| {t.label} | {t.median:.3f} | {t.spread} | {'' if t.first is None else f'{t.first:.3f}'} | {t.peak_mb:.0f} |"
            for t in big.values()
        ]
    if links:
        lines += [
            "",
            "## Unknown links",
            "",
            "Two years of N items each; every item of the later year names a misspelt item of the earlier",
            "one in `continues`, so validation makes N `unknown-link` findings, each with a did-you-mean hint.",
            "",
            "| unknown links | median s | spread s | peak MB |",
            "|---|---|---|---|",
        ]
        lines += [f"| {count:,} | {t.median:.3f} | {t.spread} | {t.peak_mb:.0f} |" for count, t in links.items()]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (default 5; 3 at 10,000 items and more)")
    parser.add_argument("--sizes", default="100,1000,10000,50000", help="item counts, comma-separated")
    parser.add_argument("--no-big-diff", action="store_true", help="skip the diff of two 50,000-item years")
    parser.add_argument(
        "--only",
        metavar="KEYS",
        help="at each size, only these measurements, comma-separated (validate, list, due, diff, table, csv, json, site, "
        "yamllint, check-jsonschema), huge-title (a 15 MB title) and unknown-links (1,000 to 4,000); skips the published data and the big diff, and prints the report "
        "instead of writing RESULTS.md",
    )
    parser.add_argument(
        "--story",
        action="store_true",
        help="only the story (the paired ratios) and the site at 10,000 and 50,000 items beside ctwp validate; writes RESULTS.md",
    )
    parser.add_argument("--site-dir", type=Path, help="build the sites under this folder (/dev/shm leaves the disk out of the timing)")
    arguments = parser.parse_args()
    only = set(arguments.only.split(",")) if arguments.only else None
    if arguments.story:
        only, arguments.sizes = {"validate", "site"}, "10000,50000"
    compileall.compile_dir(REPO / "ctwp", quiet=1)  # as an installed ctwp is: imports read bytecode
    with tempfile.TemporaryDirectory(prefix="ctwp-bench-") as folder:
        work = Path(folder)
        story = benchmark_story(work, arguments.runs) if only is None or arguments.story else None
        real = benchmark_real_data(work, max(arguments.runs, 10)) if only is None else {}
        # Before the large data sets are generated: a process forked from this one starts
        # with its memory, which would count in the peak of what it runs.
        links = benchmark_unknown_links(work, min(arguments.runs, 3)) if only is None or "unknown-links" in only else {}
        sizes = {}
        for items in (int(size) for size in arguments.sizes.split(",") if size):
            runs = arguments.runs if items < 10_000 else min(arguments.runs, 3)
            sizes[items] = benchmark_size(items, work, runs, only, arguments.site_dir or work)
        big = {} if arguments.no_big_diff or only else benchmark_big_diff(work, min(arguments.runs, 3))
        huge = benchmark_huge_title(work, min(arguments.runs, 3)) if only is None or "huge-title" in only else {}
    if only and not arguments.story:
        print("\n" + report(real, sizes, big, arguments.runs, huge, links))
        return
    RESULTS.write_text(report(real, sizes, big, arguments.runs, huge, links, story), encoding="utf-8")
    print(f"\nwritten: {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
