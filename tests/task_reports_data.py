"""Published reports on the plan's tasks for tests and screenshots, a realistic mix (the bundled
data have none yet): the lead agencies as they were in the year reported (Sở KH&ĐT in 2024, Sở
Tài chính tỉnh Bắc Ninh in 2025), on 29/11/2026 some overdue, some in progress within the
deadline, some completed on time or late, most not reported; and a copy of the bundled data
directory holding them (TTX_DATA_DIR)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd

from ttx_data import datasets
from ttx_data.paths import BUNDLED_DATA_DIR

D = dt.date
ON = D(2026, 11, 29)
"""The day the expected classifications below hold (they hold on any day of 2026 from 1/7)."""

STC = "so_tai_chinh_bac_ninh"

ROWS = [
    # task, agency, role, year, status, completed_on, deadline, progress, evidence, obstacles
    ("1.1", "so_ke_hoach_dau_tu", "lead", 2024, "in_progress", None, D(2024, 12, 31),
     "Đang xây dựng dự thảo cơ chế lồng ghép mục tiêu tăng trưởng xanh", None, None),
    ("1.1", STC, "lead", 2025, "in_progress", None, D(2025, 6, 30),
     "Dự thảo đã lấy ý kiến các sở, chưa trình UBND tỉnh", None,
     "Sáp nhập sở, chưa bố trí cán bộ đầu mối; <b>chưa</b> có hướng dẫn *cụ thể*"),
    ("1.1", "so_noi_vu_bac_ninh", "cooperating", 2025, "in_progress", None, None,
     "Đã góp ý dự thảo", None, None),
    ("4.1", STC, "lead", 2025, "completed", D(2025, 10, 15), D(2025, 9, 30),
     "Đã ban hành danh mục dự án ưu tiên đầu tư xanh", "QĐ 812/QĐ-UBND ngày 15/10/2025", None),
    ("4.2", STC, "lead", 2025, "completed", D(2025, 5, 20), D(2025, 6, 30),
     "Đã bố trí vốn ngân sách cho các nhiệm vụ TTX năm 2025", "QĐ 410/QĐ-UBND ngày 20/5/2025",
     None),
    ("8.9.c", STC, "lead", 2025, "in_progress", None, D(2027, 12, 31),
     "Đang rà soát tiêu chí mua sắm công xanh", None, None),
    ("8.9.d", "so_tai_chinh", "lead", 2024, "in_progress", None, None,
     "Đã khảo sát hiện trạng mua sắm công", None, None),
    ("8.9.d", STC, "lead", 2025, "not_started", None, D(2025, 12, 31),
     None, None, "Chưa có hướng dẫn của Bộ Tài chính"),
    ("2.1", "so_cong_thuong_bac_ninh", "lead", 2025, "completed", D(2025, 8, 1), None,
     "Đã tổ chức 12 hội nghị tuyên truyền tiết kiệm năng lượng", "Báo cáo số 55/BC-SCT", None),
    ("8.1.a", "so_cong_thuong_bac_ninh", "lead", 2025, "in_progress", None, D(2026, 6, 30),
     "Đang lập danh sách cơ sở sử dụng năng lượng trọng điểm", None, None),
    ("8.5.a", "so_nong_nghiep_moi_truong_bac_ninh", "lead", 2025, "in_progress", None,
     D(2027, 12, 31), "Đã xây dựng 4 vùng sản xuất ứng dụng công nghệ cao", None, None),
    ("8.6.a", "so_nong_nghiep_moi_truong_bac_ninh", "lead", 2025, "completed", D(2025, 12, 20),
     D(2025, 12, 31), "Đã ban hành kế hoạch phân loại chất thải rắn sinh hoạt tại nguồn",
     "KH 301/KH-UBND ngày 20/12/2025", None),
    ("3.4", "so_y_te_bac_ninh", "lead", 2025, "in_progress", None, D(2025, 12, 31),
     "Đang đào tạo cán bộ y tế về biến đổi khí hậu", None, "Thiếu kinh phí đào tạo"),
    ("5.1", "so_khoa_hoc_cong_nghe", "lead", 2024, "completed", D(2024, 11, 30),
     D(2024, 12, 31), "Đã phê duyệt 3 đề tài khoa học về tăng trưởng xanh",
     "QĐ 1020/QĐ-UBND", None),
    ("8.4.a", "so_xay_dung_bac_ninh", "lead", 2025, "completed", D(2025, 11, 30),
     D(2025, 6, 30), "Đã ban hành hướng dẫn công trình xanh", "HD 12/HD-SXD", None),
    ("8.7.a", "so_nong_nghiep_moi_truong_bac_ninh", "lead", 2025, "not_started", None, None,
     None, None, None),
    ("2.4", "dai_phat_thanh_truyen_hinh", "lead", 2025, "completed", D(2025, 6, 1), None,
     "Đã mở chuyên mục Tăng trưởng xanh", None, None),
    ("2.4", "bao_bac_giang", "lead", 2025, "in_progress", None, None,
     "Đang đăng loạt bài về lối sống xanh", None, None),
    ("8.2.b", "ban_quan_ly_kcn", "lead", 2025, "in_progress", None, D(2025, 3, 31),
     "Đang đôn đốc các KCN đầu tư trạm xử lý nước thải tập trung", None,
     "Chủ đầu tư hạ tầng chậm giải ngân"),
]  # fmt: skip

EXPECTED = {
    "8.2.b": "overdue",  # due 31/3/2025: the longest overdue
    "1.1": "overdue",  # due 30/6/2025 by the 2025 report
    "mid_term_review": "overdue",  # the plan's 2025, no report
    "8.9.d": "overdue",
    "3.4": "overdue",
    "8.1.a": "overdue",  # due 30/6/2026
    "8.9.c": "in_progress",
    "8.5.a": "in_progress",
    "8.7.a": "in_progress",  # not started, due by the plan's end
    "2.4": "in_progress",  # one of its two leads has not completed
    "4.1": "completed_late",
    "8.4.a": "completed_late",
    "4.2": "completed_on_time",
    "2.1": "completed_on_time",
    "8.6.a": "completed_on_time",
    "5.1": "completed_on_time",
}
"""The classification of each task reported (and the mid-term review) on ON."""


def reports_frame() -> pd.DataFrame:
    """ROWS as the dataset task_reports holds them."""
    records = [
        {
            "task_id": task_id, "agency_id": agency_id, "role": role, "year": year,
            "status": status, "completed_on": done, "deadline": deadline, "progress": progress,
            "evidence": evidence, "obstacles": obstacles,
            "proposals": "Đề nghị UBND tỉnh đôn đốc" if status != "completed" else None,
            "provenance": "illustrative", "source_title": f"Báo cáo minh họa năm {year}",
            "source_url": None, "note": None,
        }
        for (task_id, agency_id, role, year, status, done, deadline, progress, evidence,
             obstacles) in ROWS
    ]  # fmt: skip
    return pd.DataFrame(records, columns=datasets.TASK_REPORTS.column_names)


def data_with_reports(directory: Path) -> Path:
    """A copy of the bundled data directory in `directory` with the reports of ROWS published."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in [d.file for d in datasets.ALL] + [datasets.METADATA_FILE]:
        shutil.copyfile(BUNDLED_DATA_DIR / name, directory / name)
    reports_frame().to_parquet(directory / datasets.TASK_REPORTS.file, index=False)
    return directory
