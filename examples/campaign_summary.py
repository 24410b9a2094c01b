"""Youth-union campaign summary, by team: teams, members, person-times by kind of help.

For each campaign the script prints its dates and organiser, its teams
(*đội hình*) and members (*đoàn viên, thanh niên*), its activities (one team
working in one place on one day), and the person-times (*lượt*) of help by
kind: procedures resolved, people guided through online services, e-ID
installed and activated, bank accounts, e-wallets, taxes filed online.
With ``--output`` it also writes one CSV row per team, with its person-times
by kind, the table a provincial youth union (*Tỉnh đoàn*) keeps to see which
teams did what.

Run it::

    python examples/campaign_summary.py                # the embedded Quảng Ngãi 2023 data
    python examples/campaign_summary.py exports/ --output teams.csv
    python examples/campaign_summary.py --campaign QNG23-HE --lang en
    python examples/campaign_summary.py exports/ --period 2023-06 --output june-teams.csv

FOLDER is a data set folder as ``dean06.io.load_dataset`` reads it
(``campaigns.csv`` with its ``teams.csv``, and ``events.csv``; ``units.csv``
adds unit names). ``--period`` counts only the help given within it (any
period: ``2023-06``, ``2023-03-26``, ``2023-03-01/2023-03-31``); teams and
members are the campaign's. ``--lang`` is ``vi`` (default) or ``en``.

CSV columns: ``campaign``, ``team``, ``team_name``, ``organisation``,
``unit``, ``unit_name``, ``members``, then one column per kind of help
(``procedure_resolved``, ``online_service_guided``, ``eid_installed``, ...)
and ``total``. Help recorded without a team is a row with an empty ``team``.

Exit status: 0 on success, 1 when the data cannot be read (run ``dean06
validate FOLDER`` to see every problem), 2 for a bad option.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

import dean06 as d6
from dean06.datasets import quang_ngai_2023
from dean06.io import load_dataset
from dean06.report import format_count

if TYPE_CHECKING:
    from collections.abc import Sequence

KINDS = tuple(d6.AssistanceKind)
COLUMNS = (
    "campaign",
    "team",
    "team_name",
    "organisation",
    "unit",
    "unit_name",
    "members",
    *(kind.name.lower() for kind in KINDS),
    "total",
)


@attrs.frozen
class TeamLine:
    """One team of a campaign and the help it gave (person-times by kind)."""

    campaign: str
    team: d6.Team | None  # None: help recorded without a team
    help: dict[d6.AssistanceKind, int]

    @property
    def total(self) -> int:
        return sum(self.help.values())


@attrs.frozen
class CampaignSummary:
    """What one campaign achieved: its teams and the help they gave."""

    campaign: d6.Campaign
    activities: int
    help: dict[d6.AssistanceKind, int]
    teams: tuple[TeamLine, ...]


def load(folder: str | None) -> d6.Dataset:
    """The data set in *folder*, or the embedded example without one."""
    return quang_ngai_2023() if folder is None else load_dataset(folder)


def summarise(
    dataset: d6.Dataset, *, campaign: str | None = None, period: d6.Period | None = None
) -> list[CampaignSummary]:
    """One summary per campaign (or just *campaign*), help counted within *period*."""
    tally = dataset.assistance_tally
    by_team: dict[tuple[str, str | None], dict[d6.AssistanceKind, int]] = defaultdict(dict)
    for row in tally.counts():
        if period is not None and row.on not in period:
            continue
        counts = by_team[row.campaign, row.team]
        counts[row.kind] = counts.get(row.kind, 0) + row.count
    summaries = []
    for item in dataset.campaigns:
        if campaign is not None and item.id != campaign:
            continue
        lines = [
            TeamLine(item.id, team, by_team.get((item.id, team.id), {})) for team in item.teams
        ]
        without_team = by_team.get((item.id, None))
        if without_team:
            lines.append(TeamLine(item.id, None, without_team))
        summaries.append(
            CampaignSummary(
                campaign=item,
                activities=tally.occasions(campaign=item.id, period=period),
                help=tally.by_kind(campaign=item.id, period=period),
                teams=tuple(lines),
            )
        )
    return summaries


def print_summary(summaries: Sequence[CampaignSummary], lang: str) -> None:
    """The summary as text, in Vietnamese (``vi``) or English (``en``)."""
    words = {
        "vi": ("Đơn vị tổ chức", "đội hình", "ĐVTN", "lượt hoạt động", "lượt"),
        "en": ("Organised by", "teams", "members", "activities", "person-times"),
    }[lang]
    organised, teams, members, activities, times = words
    for summary in summaries:
        campaign = summary.campaign
        dates = f"{campaign.start:%d/%m/%Y}"
        if campaign.end != campaign.start:
            dates += f" – {campaign.end:%d/%m/%Y}"
        print(f"{campaign.name} ({campaign.id})")
        print(f"  {dates}; {organised}: {campaign.organiser}")
        print(
            f"  {format_count(len(campaign.teams), lang)} {teams}, "
            f"{format_count(campaign.members, lang)} {members}, "
            f"{format_count(summary.activities, lang)} {activities}"
        )
        for kind, count in summary.help.items():
            print(f"  - {kind.label(lang)}: {format_count(count, lang)} {times}")
        print()


def text_cell(text: str) -> str:
    """Text a spreadsheet would run as a formula, made inert with an apostrophe."""
    return "'" + text if text.startswith(("=", "+", "-", "@")) else text


def write_csv(summaries: Sequence[CampaignSummary], dataset: d6.Dataset, path: Path) -> int:
    """One row per team; returns the number of rows."""
    units = {unit.code: unit.name for unit in dataset.units}
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for summary in summaries:
            for line in summary.teams:
                team = line.team
                unit = team.unit if team is not None else None
                writer.writerow(
                    [
                        line.campaign,
                        text_cell(team.id) if team is not None else "",
                        text_cell(team.name) if team is not None else "",
                        text_cell(team.organisation) if team is not None else "",
                        text_cell(unit or ""),
                        text_cell(units.get(unit, "")) if unit else "",
                        team.members if team is not None else "",
                        *(line.help.get(kind, 0) for kind in KINDS),
                        line.total,
                    ]
                )
                count += 1
    return count


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folder", nargs="?", help="a data set folder (default: embedded data)")
    parser.add_argument("--output", "-o", metavar="FILE", help="write one CSV row per team")
    parser.add_argument("--campaign", metavar="ID", help="only this campaign")
    parser.add_argument("--period", metavar="P", help="count help within this period only")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="language (vi)")
    args = parser.parse_args(argv)

    try:
        period = d6.Period.parse(args.period) if args.period else None
        dataset = load(args.folder)
        summaries = summarise(dataset, campaign=args.campaign, period=period)
    except d6.ValidationError as error:
        print(f"campaign_summary: {error}", file=sys.stderr)
        return 2
    except d6.DataError as error:
        print(f"campaign_summary: {error}", file=sys.stderr)
        print("Run `dean06 validate FOLDER` to list every problem.", file=sys.stderr)
        return 1
    if not summaries:
        wanted = f"campaign {args.campaign!r}" if args.campaign else "any campaign"
        print(f"campaign_summary: the data set has no {wanted}", file=sys.stderr)
        return 2 if args.campaign else 1

    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8")  # Vietnamese on any console
    print_summary(summaries, args.lang)
    if args.output is not None:
        rows = write_csv(summaries, dataset, Path(args.output))
        print(f"{rows} team rows written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
