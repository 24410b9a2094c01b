"""Read a million portal dossiers (``DongBoHoSoMC`` envelope) in flat memory.

Generates synthetic sync payloads of 10,000 and 1,000,000 records (the
envelope form, with fake personal fields as real payloads carry them) into
``benchmarks/.work/`` (git-ignored), then reads each with
:func:`dean06.io.read_portal_dossiers` straight into a
:class:`dean06.DossierTally`, each size in its own subprocess.  Peak memory
is resident memory (``getrusage``) over the process's baseline after
imports.  Every result is checked against the counts the generator wrote
before any timing is printed.

Run::

    .venv/bin/python benchmarks/portal_million.py            # 10,000 and 1,000,000
    .venv/bin/python benchmarks/portal_million.py --large 200000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

WORK = Path(__file__).parent / ".work"
STATUSES = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]
WEIGHTS = [2, 10, 2, 8, 2, 1, 1, 1, 25, 48]
ENDED = {"3", "8", "9", "10"}
SERVICES = ["1.000466", "2.001178", "2.001195", "1.004222", "1.004194", "2.001159", "1.001456"]
UNITS = [f"000.00.{n:02d}.H22" for n in range(1, 13)]


def portal_time(seconds: int, *, dmy: bool) -> str:
    """A local time as the portal writes it (2023 starts at second 0)."""
    days, rest = divmod(seconds, 86_400)
    month, day = divmod(days, 28)
    hour, rest = divmod(rest, 3600)
    minute, second = divmod(rest, 60)
    month = month % 12 + 1
    day += 1
    if dmy:
        return f"{day:02d}/{month:02d}/2023 {hour:02d}:{minute:02d}:{second:02d}"
    return f"2023{month:02d}{day:02d}{hour:02d}{minute:02d}{second:02d}"


def generate(path: Path, count: int) -> dict[str, int]:
    """Write *count* valid records in an envelope; returns the counts a reader must find."""
    rnd = random.Random(count)
    expected = {"total": 0, "online": 0, "resolved": 0, "paid_online": 0}
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        out.write('{\n  "service": "DongBoHoSoMC",\n  "isUpdating": false,\n  "data": [\n')
        for index in range(count):
            status = rnd.choices(STATUSES, WEIGHTS)[0]
            channel = rnd.choice(["1", "2", "2", "3", None])
            dmy = rnd.random() < 0.1
            received = rnd.randrange(0, 330 * 86_400)
            unit = rnd.choice(UNITS)
            record: dict[str, object] = {
                "MaHoSo": f"{unit}-23{index % 12 + 1:02d}01-{index:07d}",
                "MaTTHC": rnd.choice(SERVICES),
                "TenTTHC": "Thủ tục hành chính mẫu",
                "MaLinhVuc": "G13",
                "TenLinhVuc": "Cấp, quản lý căn cước",
                "ChuHoSo": "Nguyễn Văn An",
                "LoaiDoiTuong": "1",
                "SoGiayToChuHoSo": f"0512030{index % 100_000:05d}",
                "DinhDanhCHS": [
                    {"LoaiDinhDanh": "1", "SoDinhDanh": f"0512030{index % 100_000:05d}"}
                ],
                "SoDienThoai": f"0905{index % 1_000_000:06d}",
                "Email": "an.nguyen@example.vn",
                "ThongTinKhac": "",
                "TrichYeuHoSo": "Hồ sơ mẫu",
                "NgayNopHoSo": portal_time(received - 600, dmy=False),
                "NgayTiepNhan": portal_time(received, dmy=dmy),
                "NgayHenTra": portal_time(received + 3 * 86_400, dmy=dmy),
                "NgayKetThucXuLy": "",
                "NgayTra": "",
                "NgayTuChoi": "",
                "TrangThaiHoSo": status if rnd.random() < 0.8 else int(status),
                "DonViXuLy": unit,
                "TaiKhoanDuocXacThucVoiVNeID": "1",
                "HoSoCoThanhPhanSoHoa": "1",
                "TaiLieuNop": [{"TenTepDinhKem": "to-khai.pdf", "DuocSoHoa": "1"}],
                "DanhSachLePhi": [],
                "DanhSachGiayToKetQua": [],
            }
            if channel is not None:
                record["KenhThucHien"] = channel
            if status in ENDED:
                ended = portal_time(received + rnd.randrange(0, 5 * 86_400), dmy=dmy)
                if status == "3" and rnd.random() < 0.5:
                    record["NgayTuChoi"] = ended
                else:
                    record["NgayKetThucXuLy"] = ended
                expected["resolved"] += 1
            paid = rnd.choice(["0", "1", "2", None])
            if paid is not None:
                record["DuocThanhToanTrucTuyen"] = paid
                expected["paid_online"] += paid != "0"
            expected["total"] += 1
            expected["online"] += channel == "2"
            out.write(",\n    " if index else "    ")
            out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n  ]\n}\n")
    tmp.replace(path)
    path.with_suffix(".counts.json").write_text(json.dumps(expected), encoding="utf-8")
    return expected


def payload(count: int) -> tuple[Path, dict[str, int]]:
    """The payload of *count* records, generated once."""
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"portal-{count}.json"
    counts = path.with_suffix(".counts.json")
    if path.is_file() and counts.is_file():
        return path, json.loads(counts.read_text(encoding="utf-8"))
    started = time.perf_counter()
    expected = generate(path, count)
    print(
        f"generated {path.name}: {path.stat().st_size / 2**20:,.0f} MiB "
        f"in {time.perf_counter() - started:,.1f} s",
        flush=True,
    )
    return path, expected


def read_one(path: Path) -> None:
    """In a child process: read *path* into a tally; print counts, time and memory."""
    from dean06 import DossierTally  # noqa: PLC0415 - imports belong to the baseline
    from dean06.io import read_portal_dossiers  # noqa: PLC0415

    before = resource.getrusage(resource.RUSAGE_SELF)
    baseline = before.ru_maxrss
    started = time.perf_counter()
    reader = read_portal_dossiers(path)  # errors="raise": validated as a user's call is
    tally = DossierTally.of(reader)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    peak = after.ru_maxrss
    result = {
        "read": reader.read,
        "accepted": reader.accepted,
        "rejected": reader.rejected,
        "total": tally.total(),
        "online": tally.online(),
        "resolved": tally.resolved(),
        "paid_online": tally.paid_online(),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "baseline_kib": baseline,
        "peak_kib": peak,
    }
    print(json.dumps(result))


def measure(path: Path) -> dict[str, float]:
    """Run :func:`read_one` on *path* in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, __file__, "--read", str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    """Generate, read in subprocesses, check, then print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--read", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    options = parser.parse_args()
    if options.read is not None:
        read_one(options.read)
        return
    runs = []
    for count in (options.small, options.large):
        path, expected = payload(count)
        result = measure(path)
        for key, value in expected.items():
            if result[key] != value:
                msg = f"{path.name}: {key} is {result[key]}, expected {value}"
                raise SystemExit(msg)
        if not (result["read"] == result["accepted"] == count and result["rejected"] == 0):
            msg = f"{path.name}: read {result['read']}, accepted {result['accepted']}"
            raise SystemExit(msg)
        runs.append((count, path, result))
    print("all results checked: counts, online, resolved and paid online match the generator")
    print(
        f"{'records':>10} {'MiB in':>8} {'wall s':>8} {'records/s':>10} {'CPU s':>8} "
        f"{'rec/CPU s':>10} {'base RSS':>9} {'peak RSS':>9} {'over base':>9}"
    )
    for count, path, result in runs:
        size = path.stat().st_size / 2**20
        print(
            f"{count:>10,} {size:>8,.0f} {result['seconds']:>8,.1f} "
            f"{count / result['seconds']:>10,.0f} {result['cpu_seconds']:>8,.1f} "
            f"{count / result['cpu_seconds']:>10,.0f} "
            f"{result['baseline_kib'] / 1024:>8,.1f}M {result['peak_kib'] / 1024:>8,.1f}M "
            f"{(result['peak_kib'] - result['baseline_kib']) / 1024:>8,.1f}M"
        )
    (small, _, first), (large, _, second) = runs
    growth = (second["peak_kib"] - second["baseline_kib"]) - (
        first["peak_kib"] - first["baseline_kib"]
    )
    print(
        f"{large // small}x the records: peak RSS over baseline grew by {growth / 1024:,.1f} MiB"
    )


if __name__ == "__main__":
    main()
