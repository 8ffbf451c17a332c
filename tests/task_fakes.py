"""Published task reports made by hand, for the overdue-tasks slides' tests and screenshots.

`SAMPLE` is a realistic mix on MEETING_DAY (29/11/2026): nine of the 62 tasks overdue across
five of today's agencies (merged ones, an unverified hand-over, a task with two leads), five
completed (two late), four in progress within their deadline; the mid-term review (a dated duty
of mục IV) is overdue without a report. Every row is illustrative, as the slides must say.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ttx_data import datasets, query
from ttx_data.generate import arrow_schema, typed_frame
from ttx_data.paths import BUNDLED_DATA_DIR

D = dt.date
MEETING_DAY = D(2026, 11, 29)

FINANCE = "so_tai_chinh_bac_ninh"
FARMING = "so_nong_nghiep_moi_truong_bac_ninh"
TRADE = "so_cong_thuong_bac_ninh"
COMMUNES = "ubnd_xa_phuong"
RADIO, NEWSPAPER = "dai_phat_thanh_truyen_hinh", "bao_bac_giang"

SAMPLE = [
    # task, reporting agency, year, status, completed_on, deadline, obstacles, proposals
    ("1.1", FINANCE, 2025, "in_progress", None, D(2025, 12, 31),
     "Trung ương chưa hướng dẫn bộ chỉ tiêu thống kê tăng trưởng xanh cấp tỉnh; thiếu cán bộ"
     " chuyên trách sau sáp nhập",
     "Đề nghị UBND tỉnh giao Thống kê tỉnh phối hợp hoàn thiện bộ chỉ tiêu trong quý I/2027"),
    ("4.1", FINANCE, 2026, "in_progress", None, D(2026, 6, 30),
     "Chờ Nghị định hướng dẫn Luật Đầu tư sửa đổi", None),
    ("4.2", FINANCE, 2026, "not_started", None, D(2026, 9, 30), None,
     "Đề nghị lùi hạn sang năm 2027 để chờ quy định về tín dụng xanh"),
    ("1.2", FARMING, 2025, "in_progress", None, D(2025, 12, 31),
     "Kinh phí năm 2025 chưa được bố trí",
     "Đề nghị bố trí kinh phí sự nghiệp môi trường năm 2027"),
    ("8.5.a", FARMING, 2026, "in_progress", None, D(2026, 3, 31), None, None),
    ("8.6.a", FARMING, 2026, "in_progress", None, D(2026, 6, 30),
     "Dữ liệu phát thải của doanh nghiệp chưa đầy đủ", None),
    ("8.1.a", TRADE, 2026, "in_progress", None, D(2026, 6, 30),
     "Doanh nghiệp sử dụng năng lượng trọng điểm chưa báo cáo đủ", None),
    ("2.4", RADIO, 2026, "in_progress", None, D(2026, 10, 31), None, None),
    ("2.4", NEWSPAPER, 2026, "in_progress", None, D(2026, 10, 31), None, None),
    ("8.4.c", COMMUNES, 2025, "not_started", None, D(2025, 12, 31),
     "Chính quyền cấp xã mới thành lập, chưa được giao kinh phí", None),
    ("1.3", FARMING, 2025, "completed", D(2026, 2, 15), D(2025, 12, 31), None, None),
    ("2.2", "so_khoa_hoc_cong_nghe_bac_ninh", 2025, "completed", D(2025, 11, 20),
     D(2025, 12, 31), None, None),
    ("3.2", "so_noi_vu_bac_ninh", 2025, "completed", D(2025, 10, 10), D(2025, 12, 31), None,
     None),
    ("6.2", "van_phong_ubnd_tinh_bac_ninh", 2025, "completed", D(2026, 1, 20), D(2025, 12, 31),
     None, None),
    ("8.2.b", "ban_quan_ly_kcn", 2025, "completed", D(2025, 6, 30), None, None, None),
    ("5.1", "so_khoa_hoc_cong_nghe_bac_ninh", 2026, "in_progress", None, D(2027, 6, 30), None,
     None),
    ("3.4", "so_y_te_bac_ninh", 2026, "in_progress", None, D(2026, 12, 31), None, None),
    ("8.3.a", "so_xay_dung_bac_ninh", 2026, "in_progress", None, D(2027, 12, 31), None, None),
    ("4.3", "ngan_hang_nha_nuoc", 2026, "in_progress", None, None, None, None),
]  # fmt: skip
"""Lead reports, as published."""


def reports(rows=SAMPLE, provenance: str = "illustrative"):
    """task_reports rows (the dataset's columns and types) from (task, agency, year, status,
    completed_on, deadline, obstacles, proposals), each the lead agency's."""
    title = "Ví dụ minh họa (TTX Bắc Giang)" if provenance == "illustrative" else "Báo cáo"
    return typed_frame(
        [
            {
                "task_id": task_id,
                "agency_id": agency_id,
                "role": "lead",
                "year": year,
                "status": state,
                "completed_on": done,
                "deadline": deadline,
                "progress": "Đang triển khai" if state != "completed" else "Đã hoàn thành",
                "evidence": None,
                "obstacles": obstacles,
                "proposals": proposals,
                "provenance": provenance,
                "source_title": title,
                "source_url": None,
                "note": None,
            }
            for task_id, agency_id, year, state, done, deadline, obstacles, proposals in rows
        ],
        datasets.TASK_REPORTS,
    )


def write_task_reports(directory: Path, frame) -> None:
    """Write a task_reports dataset into a data directory (its cached views dropped)."""
    table = pa.Table.from_pandas(
        frame, schema=arrow_schema(datasets.TASK_REPORTS), preserve_index=False
    )
    pq.write_table(table, directory / datasets.TASK_REPORTS.file)
    query.reset_connections()


def data_with_task_reports(target: Path, frame=None) -> Path:
    """A copy of the bundled data directory whose task_reports are `frame` (SAMPLE's rows)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in [d.file for d in datasets.ALL] + [datasets.METADATA_FILE]:
        shutil.copy2(BUNDLED_DATA_DIR / name, target / name)
    write_task_reports(target, reports() if frame is None else frame)
    return target
