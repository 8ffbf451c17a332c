"""The rules an agency's report is checked by, each defined once: its name, severity ('fatal'
blocks the submission, 'warning' needs a comment, as in DHIS2) and its message in Vietnamese and
English. The value ranges (`VALUE_RULES`) serve both the template's own Excel data validation
(`workbook`) and the reading of an uploaded copy (`intake`).

Why plain Python rather than pandera: a cell must be judged before it becomes a DataFrame value
(a formula, a date or a text where a number goes look alike once read into a column), every
problem needs its sheet, row and column as the spreadsheet shows them, and every message a
Vietnamese and an English version; a table of named rules and a few functions do that with no
extra dependency, and pandera's own messages are English.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import NamedTuple

from ttx_data.i18n import format_date, format_number
from ttx_data.plan import PLAN_DATE

FATAL, WARNING = "fatal", "warning"
SEVERITIES = (FATAL, WARNING)

TEXT_MAX = 1000
"""Longest text of a source, note or comment cell (characters), in the template and the intake."""


@dataclass(frozen=True)
class ValueRule:
    """What a value of a unit may be: a number (`kind` 'decimal') within [minimum, maximum]
    (None: open). `name` is the rule's name in problems; `what_vi/en` says what the number is."""

    name: str
    unit: str
    kind: str
    minimum: float | None
    maximum: float | None
    what_vi: str
    what_en: str

    def allows(self, value: float) -> bool:
        """Whether a number lies within the rule's range."""
        low = self.minimum is None or value >= self.minimum
        return low and (self.maximum is None or value <= self.maximum)

    def expected(self, lang: str = "vi") -> str:
        """'một tỷ lệ phần trăm từ 0 đến 100' / 'a percentage from 0 to 100'."""
        return f"{self.what_en if lang == 'en' else self.what_vi} {range_text(self, lang)}"


def _number(value: float, lang: str) -> str:
    """A range end as the reader writes it: 0,5 (vi), 0.5 (en), no needless decimals."""
    decimals = 0 if float(value).is_integer() else len(f"{value:g}".split(".")[1])
    return format_number(float(value), lang, decimals)


def range_text(rule: ValueRule | PlausibleRange, lang: str = "vi") -> str:
    """'từ 0 đến 100', 'không âm (≥ 0)', 'không quá 150' (and in English)."""
    low, high = rule.minimum, rule.maximum
    if low is not None and high is not None:
        if lang == "en":
            return f"from {_number(low, lang)} to {_number(high, lang)}"
        return f"từ {_number(low, lang)} đến {_number(high, lang)}"
    if low is not None:
        if low == 0:
            return "not negative (≥ 0)" if lang == "en" else "không âm (≥ 0)"
        return f"at least {_number(low, lang)}" if lang == "en" else f"từ {_number(low, lang)}"
    if high is not None:
        return (
            f"at most {_number(high, lang)}" if lang == "en" else f"không quá {_number(high, lang)}"
        )
    return "any number" if lang == "en" else "bất kỳ"


VALUE_RULES = {
    "pct": ValueRule(
        "share_outside_0_100", "pct", "decimal", 0, 100,
        "một tỷ lệ phần trăm (nhập 45,2 chứ không 0,452)",
        "a percentage (type 45.2, not 0.452)",
    ),
    "ha": ValueRule(
        "negative_area", "ha", "decimal", 0, None,
        "một diện tích tính bằng ha,", "an area in hectares,",
    ),
    "index": ValueRule(
        "index_outside_0_1", "index", "decimal", 0, 1,
        "một chỉ số (ví dụ 0,725)", "an index (e.g. 0.725)",
    ),
    "kwh_per_mn_vnd": ValueRule(
        "negative_intensity", "kwh_per_mn_vnd", "decimal", 0, None,
        "một cường độ điện năng (kWh/triệu đồng),", "an electricity intensity (kWh/million VND),",
    ),
}  # fmt: skip
"""The hard range of each catalog unit a figure is reported in (the milestone 'status' unit is not
reported as a figure): outside it a value is impossible, a fatal problem, and Excel refuses it."""


def value_rule(unit: str) -> ValueRule:
    """The value rule of a catalog unit (KeyError, vi/en, for a unit not reported as a figure)."""
    if unit not in VALUE_RULES:
        raise KeyError(
            f"Đơn vị '{unit}' không báo cáo bằng số / Unit '{unit}' is not reported as a figure"
        )
    return VALUE_RULES[unit]


@dataclass(frozen=True)
class PlausibleRange:
    """Where a figure is expected to lie (the regime's plausible_min/max); outside it a warning."""

    minimum: float | None
    maximum: float | None

    def allows(self, value: float) -> bool:
        low = self.minimum is None or value >= self.minimum
        return low and (self.maximum is None or value <= self.maximum)


@dataclass(frozen=True)
class Rule:
    """One named check: severity and, per language, what is expected and how to fix it
    (`{placeholders}` filled when a problem is made)."""

    severity: str
    expected_vi: str
    expected_en: str
    fix_vi: str
    fix_en: str


_NEW_TEMPLATE_VI = "Tải mẫu mới trên trang Nộp báo cáo (hoặc lệnh python -m ttx_data template) rồi nhập lại số liệu."
_NEW_TEMPLATE_EN = "Download a new template from the reporting page (or python -m ttx_data template) and enter the figures again."
_SAVE_XLSX_VI = "Mở tệp mẫu đã điền trong Excel hoặc LibreOffice và Lưu thành (Save As) 'Sổ làm việc Excel (.xlsx)'."
_SAVE_XLSX_EN = (
    "Open the filled template in Excel or LibreOffice and Save As 'Excel Workbook (.xlsx)'."
)

RULES: dict[str, Rule] = {
    # the file
    "empty_file": Rule(
        FATAL, "tệp .xlsx của mẫu báo cáo", "the report template's .xlsx file",
        "Tệp rỗng (0 byte): chọn lại đúng tệp đã điền rồi tải lên.",
        "The file is empty (0 bytes): pick the filled file again and upload it.",
    ),
    "too_large": Rule(
        FATAL, "tệp không quá {limit}", "a file of at most {limit}",
        "Mẫu báo cáo chỉ vài chục KB: kiểm tra lại tệp đã chọn; không chèn ảnh hay dữ liệu khác.",
        "A report template is a few dozen KB: check the file chosen; add no pictures or other data.",
    ),
    "csv_or_text": Rule(
        FATAL, "tệp Excel .xlsx của mẫu báo cáo", "the report template's Excel .xlsx file",
        "Đây là tệp văn bản (CSV) được đổi tên. " + _SAVE_XLSX_VI,
        "This is a text (CSV) file renamed. " + _SAVE_XLSX_EN,
    ),
    "xls_legacy": Rule(
        FATAL, "tệp .xlsx (Excel 2007 trở lên)", "an .xlsx file (Excel 2007 or later)",
        "Tệp là Excel 97-2003 (.xls). " + _SAVE_XLSX_VI,
        "The file is Excel 97-2003 (.xls). " + _SAVE_XLSX_EN,
    ),
    "encrypted": Rule(
        FATAL, "tệp .xlsx không đặt mật khẩu mở", "an .xlsx file without an opening password",
        "Gỡ mật khẩu: Excel > Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hóa bằng mật khẩu, xóa mật khẩu, lưu lại.",
        "Remove the password: Excel > File > Info > Protect Workbook > Encrypt with Password, clear it, save.",
    ),
    "ole_other": Rule(
        FATAL, "tệp .xlsx của mẫu báo cáo", "the report template's .xlsx file",
        "Tệp có định dạng Office cũ. " + _SAVE_XLSX_VI,
        "The file is in an old Office format. " + _SAVE_XLSX_EN,
    ),
    "image": Rule(
        FATAL, "tệp .xlsx của mẫu báo cáo", "the report template's .xlsx file",
        "Đây là ảnh hoặc tệp PDF, không phải sổ làm việc: tải lên tệp Excel đã điền, không chụp màn hình.",
        "This is a picture or a PDF, not a workbook: upload the filled Excel file, not a screenshot.",
    ),
    "opendocument": Rule(
        FATAL, "tệp .xlsx", "an .xlsx file",
        "Tệp là OpenDocument (.ods). " + _SAVE_XLSX_VI,
        "The file is OpenDocument (.ods). " + _SAVE_XLSX_EN,
    ),
    "unknown_format": Rule(
        FATAL, "tệp .xlsx của mẫu báo cáo", "the report template's .xlsx file",
        "Không nhận ra định dạng tệp: tải lên đúng tệp mẫu đã điền (.xlsx).",
        "The file's format is not recognised: upload the filled template (.xlsx).",
    ),
    "damaged_file": Rule(
        FATAL, "một tệp .xlsx đọc được", "a readable .xlsx file",
        "Tệp bị hỏng hoặc tải lên chưa hết: lưu lại tệp trong Excel rồi tải lên lần nữa.",
        "The file is damaged or was cut short: save it again in Excel and upload it again.",
    ),
    "zip_bomb": Rule(
        FATAL, "tối đa {max_entries} thành phần, {max_size} khi giải nén",
        "at most {max_entries} parts and {max_size} uncompressed",
        "Tệp không phải mẫu báo cáo (quá nhiều hoặc quá lớn khi giải nén). " + _NEW_TEMPLATE_VI,
        "The file is not a report template (too many or too large parts). " + _NEW_TEMPLATE_EN,
    ),
    "not_excel": Rule(
        FATAL, "sổ làm việc Excel .xlsx", "an Excel .xlsx workbook",
        "Tệp nén này không phải sổ làm việc Excel (có thể là Word hoặc tệp .zip). " + _SAVE_XLSX_VI,
        "This archive is not an Excel workbook (perhaps Word or a .zip). " + _SAVE_XLSX_EN,
    ),
    "macros": Rule(
        FATAL, "tệp .xlsx không chứa macro", "an .xlsx file without macros",
        "Tệp có macro (.xlsm / VBA). " + _SAVE_XLSX_VI,
        "The file holds macros (.xlsm / VBA). " + _SAVE_XLSX_EN,
    ),
    "embedded_content": Rule(
        FATAL, "chỉ có bảng số liệu, không ảnh, đối tượng nhúng hay liên kết ngoài",
        "figures only: no pictures, embedded objects or external links",
        "Xóa ảnh, đối tượng nhúng, liên kết tới tệp khác rồi lưu lại; hoặc nhập số liệu vào mẫu mới.",
        "Delete the pictures, embedded objects and links to other files and save; or use a new template.",
    ),
    "not_template": Rule(
        FATAL, "mẫu báo cáo TTX Bắc Giang tải từ hệ thống", "a TTX Bắc Giang report template from the system",
        "Tệp không phải mẫu báo cáo của hệ thống (thiếu phần thông tin ẩn của mẫu). " + _NEW_TEMPLATE_VI,
        "The file is not the system's report template (its hidden template data are missing). " + _NEW_TEMPLATE_EN,
    ),
    "template_version": Rule(
        FATAL, "mẫu phiên bản {expected}", "template version {expected}",
        "Mẫu đã cũ. " + _NEW_TEMPLATE_VI, "The template is outdated. " + _NEW_TEMPLATE_EN,
    ),
    "layout_changed": Rule(
        FATAL, "bố cục mẫu hiện hành của cơ quan và kỳ này",
        "the current layout for this agency and period",
        "Bố cục mẫu đã đổi (danh mục, địa bàn hoặc chế độ báo cáo đã cập nhật, hoặc tệp bị sửa). " + _NEW_TEMPLATE_VI,
        "The layout has changed (catalog, areas or regime updated, or the file was edited). " + _NEW_TEMPLATE_EN,
    ),
    "wrong_agency": Rule(
        FATAL, "mẫu của cơ quan {expected}", "a template of agency {expected}",
        "Tệp là mẫu của cơ quan khác: tải mẫu của cơ quan mình và nhập số liệu vào đó.",
        "The file is another agency's template: download your agency's template and fill that one.",
    ),
    "wrong_period": Rule(
        FATAL, "mẫu của kỳ {expected}", "a template of period {expected}",
        "Tệp là mẫu của kỳ báo cáo khác: tải mẫu của kỳ {expected}.",
        "The file is another period's template: download the template of period {expected}.",
    ),
    "not_expected": Rule(
        FATAL, "một cơ quan và kỳ có báo cáo theo chế độ báo cáo",
        "an agency and period the reporting regime expects a report from",
        "{reason} " + _NEW_TEMPLATE_VI, "{reason} " + _NEW_TEMPLATE_EN,
    ),
    # sheets and headers
    "missing_sheet": Rule(
        FATAL, "trang tính '{expected}'", "a sheet '{expected}'",
        "Không đổi tên hay xóa trang tính. " + _NEW_TEMPLATE_VI,
        "Do not rename or delete sheets. " + _NEW_TEMPLATE_EN,
    ),
    "extra_sheet": Rule(
        FATAL, "chỉ các trang tính của mẫu", "only the template's sheets",
        "Xóa trang tính này (không thêm trang tính vào mẫu) rồi lưu lại.",
        "Delete this sheet (add no sheets to the template) and save.",
    ),
    "header_changed": Rule(
        FATAL, "tiêu đề '{expected}'", "the header '{expected}'",
        "Không sửa tiêu đề cột. " + _NEW_TEMPLATE_VI, "Do not edit column headers. " + _NEW_TEMPLATE_EN,
    ),
    # the pre-filled cells of a row
    "unknown_indicator": Rule(
        FATAL, "một mã chỉ tiêu của trang tính này: {expected}", "an indicator id of this sheet: {expected}",
        "Không sửa, thêm hay chép dòng: xóa dòng này hoặc dùng mẫu mới.",
        "Do not edit, add or copy rows: delete this row or use a new template.",
    ),
    "wrong_unit": Rule(
        FATAL, "đơn vị tính '{expected}'", "the unit of measure '{expected}'",
        "Không sửa đơn vị tính: nhập giá trị theo đơn vị '{expected}' (đổi đơn vị nếu cần).",
        "Do not edit the unit: enter the value in '{expected}' (convert it if needed).",
    ),
    "wrong_level": Rule(
        FATAL, "cấp '{expected}'", "the level '{expected}'",
        "Không sửa cột Cấp: dùng mẫu mới.", "Do not edit the Level column: use a new template.",
    ),
    "unknown_area": Rule(
        FATAL, "một mã địa bàn cấp {level} của kỳ này: {expected}",
        "an area code of level {level} for this period: {expected}",
        "Không sửa mã địa bàn: mỗi dòng đã ghi sẵn địa bàn cần báo cáo; xóa dòng thừa hoặc dùng mẫu mới.",
        "Do not edit area codes: every area to report has its row already; delete the extra row or use a new template.",
    ),
    "duplicate_row": Rule(
        FATAL, "mỗi chỉ tiêu và địa bàn một dòng (đã có ở dòng {first})",
        "one row per indicator and area (already on row {first})",
        "Xóa dòng trùng, giữ một giá trị cho mỗi địa bàn.",
        "Delete the duplicate row, keep one value per area.",
    ),
    "missing_row": Rule(
        FATAL, "dòng của chỉ tiêu {indicator}, địa bàn {area}", "the row of indicator {indicator}, area {area}",
        "Không xóa dòng: nếu chưa có số liệu, để trống ô Giá trị và ghi lý do ở cột Ghi chú. " + _NEW_TEMPLATE_VI,
        "Do not delete rows: with no figure, leave Value blank and say why under Note. " + _NEW_TEMPLATE_EN,
    ),
    # the cells filled in
    "formula": Rule(
        FATAL, "một giá trị nhập tay, không phải công thức", "a value typed in, not a formula",
        "Thay công thức bằng giá trị: chép ô, Dán đặc biệt > Giá trị (Paste Special > Values).",
        "Replace the formula by its value: copy the cell, Paste Special > Values.",
    ),
    "not_a_number": Rule(
        FATAL, "một số, {expected}", "a number, {expected}",
        "Nhập số (không chữ, không ký hiệu %, không dấu cách); ghi chú viết ở cột Ghi chú.",
        "Type a number (no words, no % sign, no spaces); put remarks in the Note column.",
    ),
    "text_too_long": Rule(
        FATAL, "tối đa {limit} ký tự", "at most {limit} characters",
        "Rút gọn nội dung; đính kèm văn bản dài trong hồ sơ gửi kèm.",
        "Shorten the text; send long documents separately.",
    ),
    # warnings: a comment is needed to proceed
    "jump": Rule(
        WARNING, "thay đổi không quá {factor} lần so với kỳ trước ({previous})",
        "a change of at most {factor}× from the previous period ({previous})",
        "Kiểm tra lại giá trị và đơn vị; nếu đúng, ghi giải trình ở cột Giải trình cảnh báo.",
        "Check the value and its unit; if right, explain it under Comment on warnings.",
    ),
    "implausible": Rule(
        WARNING, "giá trị hợp lý {expected}", "a plausible value {expected}",
        "Kiểm tra lại giá trị và đơn vị; nếu đúng, ghi giải trình ở cột Giải trình cảnh báo.",
        "Check the value and its unit; if right, explain it under Comment on warnings.",
    ),
    "missing_source": Rule(
        WARNING, "nguồn số liệu (văn bản, báo cáo, số hiệu)", "the figure's source (document, report, number)",
        "Ghi nguồn ở cột Nguồn, văn bản; nếu không có, ghi lý do ở cột Giải trình cảnh báo.",
        "Give the source under Source, document; if there is none, say why under Comment on warnings.",
    ),
    # the tasks sheet: its pre-filled cells
    "unknown_task": Rule(
        FATAL, "một mã nhiệm vụ của trang tính này: {expected}", "a task id of this sheet: {expected}",
        "Không sửa, thêm hay chép dòng: xóa dòng này hoặc dùng mẫu mới.",
        "Do not edit, add or copy rows: delete this row or use a new template.",
    ),
    "wrong_role": Rule(
        FATAL, "vai trò '{expected}'", "the role '{expected}'",
        "Không sửa cột Vai trò: dùng mẫu mới.", "Do not edit the Role column: use a new template.",
    ),
    "duplicate_task_row": Rule(
        FATAL, "mỗi nhiệm vụ một dòng (đã có ở dòng {first})", "one row per task (already on row {first})",
        "Xóa dòng trùng, giữ một báo cáo cho mỗi nhiệm vụ.", "Delete the duplicate row, keep one report per task.",
    ),
    "missing_task_row": Rule(
        FATAL, "dòng của nhiệm vụ {task}", "the row of task {task}",
        "Không xóa dòng: nếu chưa có gì để báo cáo, để trống các ô của dòng. " + _NEW_TEMPLATE_VI,
        "Do not delete rows: with nothing to report, leave the row's cells blank. " + _NEW_TEMPLATE_EN,
    ),
    # the tasks sheet: what is filled in
    "task_unknown_status": Rule(
        FATAL, "một trong: {expected}", "one of: {expected}",
        "Chọn tình trạng trong danh sách của ô (mũi tên bên phải ô).",
        "Pick the status from the cell's list (the arrow beside the cell).",
    ),
    "task_status_missing": Rule(
        FATAL, "tình trạng của nhiệm vụ (dòng đã có nội dung)", "the task's status (the row has other content)",
        "Chọn tình trạng ở cột Tình trạng, hoặc xóa nội dung của dòng nếu chưa báo cáo nhiệm vụ này.",
        "Pick a status under Status, or clear the row if the task is not reported yet.",
    ),
    "task_not_a_date": Rule(
        FATAL, "một ngày (ngày/tháng/năm)", "a date (day/month/year)",
        "Nhập ngày dạng 15/03/2024 (ô định dạng ngày), không ghi chữ; ghi chú viết ở cột Tiến độ.",
        "Type a date such as 15/03/2024 (a date cell), no words; put remarks under Progress.",
    ),
    "task_completed_without_date": Rule(
        FATAL, "ngày hoàn thành của nhiệm vụ đã hoàn thành", "the completion date of a completed task",
        "Nhập ngày hoàn thành ở cột Ngày hoàn thành (ngày ban hành văn bản kết quả, hoặc ngày nghiệm thu).",
        "Enter the day it was completed under Completed on (the day its result was issued or accepted).",
    ),
    "task_date_without_completion": Rule(
        FATAL, "ngày hoàn thành chỉ ghi cho nhiệm vụ đã hoàn thành", "a completion date only for a completed task",
        "Chọn tình trạng Hoàn thành, hoặc chuyển ngày dự kiến sang cột Thời hạn.",
        "Pick the status Completed, or move the expected day to the Deadline column.",
    ),
    "task_completed_after_period": Rule(
        FATAL, "ngày hoàn thành đến hết kỳ báo cáo ({expected})", "a completion date by the period's end ({expected})",
        "Nhiệm vụ hoàn thành sau kỳ này được báo cáo ở kỳ sau: ghi tình trạng Đang thực hiện trong kỳ này.",
        "A task completed after this period is reported in the next one: report it as In progress now.",
    ),
    "task_completed_in_future": Rule(
        FATAL, "ngày hoàn thành không sau hôm nay ({expected})", "a completion date not after today ({expected})",
        "Ghi ngày đã hoàn thành; ngày dự kiến ghi ở cột Thời hạn và chọn Đang thực hiện.",
        "Give the day it was completed; an expected day goes under Deadline, with In progress.",
    ),
    "task_deadline_before_plan": Rule(
        FATAL, "thời hạn từ ngày ban hành Kế hoạch ({expected})", "a deadline from the plan's date ({expected})",
        "Kiểm tra năm của thời hạn (thời hạn thực hiện nhiệm vụ của Kế hoạch, không phải ngày văn bản).",
        "Check the deadline's year (the deadline of the plan's task, not the date of a document).",
    ),
    "task_missing_evidence": Rule(
        WARNING, "văn bản, minh chứng của nhiệm vụ đã hoàn thành (số, ngày hoặc đường dẫn)",
        "evidence of the completed task (document number and date, or a link)",
        "Ghi số, ngày văn bản hoặc đường dẫn ở cột Văn bản, minh chứng; nếu chưa có, ghi lý do ở cột Giải trình cảnh báo.",
        "Give the document's number and date or a link under Evidence; if there is none, say why under Comment on warnings.",
    ),
}  # fmt: skip
"""Every rule of a report, by name. The value-range rules are added from `VALUE_RULES` below."""

for _rule in VALUE_RULES.values():
    RULES[_rule.name] = Rule(
        FATAL,
        _rule.expected("vi"),
        _rule.expected("en"),
        "Sửa giá trị; kiểm tra đơn vị tính ở cột Đơn vị tính.",
        "Correct the value; check the unit in the Unit column.",
    )


@dataclass(frozen=True)
class ReportProblem:
    """One problem of an uploaded report, located as the spreadsheet shows it (sheet name, row
    number, column letter; None where it concerns the whole file or sheet)."""

    severity: str
    sheet: str | None
    row: int | None
    column: str | None
    found: str
    expected_vi: str
    expected_en: str
    fix_vi: str
    fix_en: str
    rule: str = ""

    @property
    def fatal(self) -> bool:
        return self.severity == FATAL

    def where(self, lang: str = "vi") -> str:
        """'Trang tính 'X', dòng 7, cột G' / 'Sheet 'X', row 7, column G'; 'Tệp' / 'File'."""
        en = lang == "en"
        if self.sheet is None:
            return "File" if en else "Tệp"
        parts = [f"{'Sheet' if en else 'Trang tính'} '{self.sheet}'"]
        if self.row is not None:
            parts.append(f"{'row' if en else 'dòng'} {self.row}")
        if self.column is not None:
            parts.append(f"{'column' if en else 'cột'} {self.column}")
        return ", ".join(parts)

    def message(self, lang: str = "vi") -> str:
        """The whole problem in one line: where, what was found, what is expected, how to fix."""
        en = lang == "en"
        expected, fix = (self.expected_en, self.fix_en) if en else (self.expected_vi, self.fix_vi)
        found = f"{'found' if en else 'tìm thấy'} «{self.found}»; " if self.found else ""
        label = "expected" if en else "cần"
        how = "Fix" if en else "Cách sửa"
        kind = ("warning: " if en else "cảnh báo: ") if self.severity == WARNING else ""
        return f"{self.where(lang)}: {kind}{found}{label} {expected}. {how}: {fix}"


FOUND_MAX = 60
"""Longest excerpt of a cell shown in a problem."""


def shown(value: object) -> str:
    """A cell's content as a problem quotes it: one line, at most FOUND_MAX characters."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text if len(text) <= FOUND_MAX else text[: FOUND_MAX - 1] + "…"


class Both(NamedTuple):
    """A value a message shows differently per language (numbers: 0,5 / 0.5)."""

    vi: str
    en: str


def _fill(template: str, lang: str, values: dict[str, object]) -> str:
    return template.format(
        **{k: (getattr(v, lang) if isinstance(v, Both) else v) for k, v in values.items()}
    )


def problem(
    name: str,
    *,
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
    found: object = None,
    **values: object,
) -> ReportProblem:
    """The problem of rule `name` at a place, its templates filled with `values`."""
    rule = RULES[name]
    return ReportProblem(
        severity=rule.severity,
        sheet=sheet,
        row=row,
        column=column,
        found=shown(found),
        expected_vi=_fill(rule.expected_vi, "vi", values),
        expected_en=_fill(rule.expected_en, "en", values),
        fix_vi=_fill(rule.fix_vi, "vi", values),
        fix_en=_fill(rule.fix_en, "en", values),
        rule=name,
    )


def is_number(value: object) -> bool:
    """A finite int or float cell value (not a bool, a date or a text)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value)


def check_value(value: object, rule: ValueRule, **where: object) -> list[ReportProblem]:
    """A filled value cell: a number (text, dates and booleans are not) within the unit's range."""
    if not is_number(value):
        return [
            problem(
                "not_a_number",
                found=value,
                expected=Both(rule.expected("vi"), rule.expected("en")),
                **where,
            )
        ]
    if not rule.allows(float(value)):
        return [problem(rule.name, found=value, **where)]
    return []


def check_plausible(
    value: float, plausible: PlausibleRange, **where: object
) -> list[ReportProblem]:
    """A value outside the regime's plausible range: a warning."""
    if plausible.allows(value):
        return []
    return [
        problem(
            "implausible",
            found=value,
            expected=Both(range_text(plausible, "vi"), range_text(plausible, "en")),
            **where,
        )
    ]


def is_jump(value: float, previous: float | None, factor: float) -> bool:
    """More than `factor` times the previous value, or less than 1/factor of it; from 0 to
    anything else; never when there is no previous value or both are 0."""
    if previous is None or (isinstance(previous, float) and math.isnan(previous)):
        return False
    if previous == 0 or value == 0:
        return previous != value
    ratio = value / previous
    return ratio < 0 or ratio > factor or ratio < 1 / factor


def check_jump(
    value: float, previous: float | None, factor: float, decimals: int, **where: object
) -> list[ReportProblem]:
    """A jump of more than `factor` from the previous period's published value: a warning."""
    if not is_jump(value, previous, factor):
        return []
    return [
        problem(
            "jump",
            found=value,
            factor=Both(_number(factor, "vi"), _number(factor, "en")),
            previous=Both(
                format_number(previous, "vi", decimals), format_number(previous, "en", decimals)
            ),
            **where,
        )
    ]


def check_source(value: object, source: str, **where: object) -> list[ReportProblem]:
    """A value given without its source: a warning."""
    if value is None or source.strip():
        return []
    return [problem("missing_source", **where)]


def check_text(text: str, **where: object) -> list[ReportProblem]:
    """A source, note or comment longer than TEXT_MAX characters."""
    if len(text) <= TEXT_MAX:
        return []
    return [problem("text_too_long", found=text, limit=TEXT_MAX, **where)]


TASK_STATUS_LABELS = {
    "not_started": ("Chưa triển khai", "Not started"),
    "in_progress": ("Đang thực hiện", "In progress"),
    "completed": ("Hoàn thành", "Completed"),
}
"""A task report's status (datasets.TASK_REPORT_STATUSES) as the tasks sheet's list offers it
(Vietnamese) and as the intake also reads it (English, or the code itself)."""

TASK_DEADLINE_FIRST = PLAN_DATE
"""The earliest deadline a task report may give: the plan's date (Excel and the intake alike)."""


def task_status(text: str) -> str | None:
    """The status code a status cell's text stands for (its Vietnamese or English label or the
    code, in any case and spacing); None for any other text."""
    wanted = " ".join(text.split()).casefold()
    for code, labels in TASK_STATUS_LABELS.items():
        if wanted in {code, *(label.casefold() for label in labels)}:
            return code
    return None


def period_end(year: int) -> dt.date:
    """The last day a period's task report speaks of (31/12 of its year): the latest completion
    date it may give (Excel and the intake alike)."""
    return dt.date(year, 12, 31)


def _days(day: dt.date) -> Both:
    return Both(format_date(day, "vi"), format_date(day, "en"))


def check_task(
    status: str | None,
    completed_on: dt.date | None,
    deadline: dt.date | None,
    evidence: str,
    *,
    year: int,
    today: dt.date,
    columns: dict[str, str],
    **where: object,
) -> list[ReportProblem]:
    """A task row's dates and evidence against its status (`columns`: key -> letter):
    completed needs a completion date, by the period's end and not after today, and evidence
    (a warning); only a completed task has a completion date; a deadline is not before the
    plan's date."""
    found = []
    at = {"column": columns["completed_on"], **where}
    if status == "completed" and completed_on is None:
        found.append(problem("task_completed_without_date", **at))
    if completed_on is not None and status != "completed":
        found.append(problem("task_date_without_completion", found=format_date(completed_on), **at))
    if completed_on is not None and completed_on > today:
        found.append(problem("task_completed_in_future", found=format_date(completed_on),
                             expected=_days(today), **at))  # fmt: skip
    elif completed_on is not None and completed_on > period_end(year):
        found.append(problem("task_completed_after_period", found=format_date(completed_on),
                             expected=_days(period_end(year)), **at))  # fmt: skip
    if deadline is not None and deadline < TASK_DEADLINE_FIRST:
        found.append(problem("task_deadline_before_plan", column=columns["deadline"],
                             found=format_date(deadline), expected=_days(TASK_DEADLINE_FIRST),
                             **where))  # fmt: skip
    if status == "completed" and not evidence.strip():
        found.append(problem("task_missing_evidence", column=columns["evidence"], **where))
    return found


PROBLEM_HEADERS = {
    "severity": ("Mức", "Severity"),
    "sheet": ("Trang tính", "Sheet"),
    "row": ("Dòng", "Row"),
    "column": ("Cột", "Column"),
    "found": ("Giá trị tìm thấy", "Found"),
    "expected": ("Cần", "Expected"),
    "fix": ("Cách sửa", "How to fix"),
}
"""Columns of the problems table a reporter reads, in Vietnamese and English."""


def problems_table(problems: list[ReportProblem], lang: str = "vi"):
    """Every problem as a row: where (sheet, row, column), what was found, what is expected and
    how to fix it, fatal ones first; headers in the language."""
    import pandas as pd

    en = lang == "en"
    severity = {FATAL: ("Lỗi (chặn nộp)", "Error (blocks)"), WARNING: ("Cảnh báo", "Warning")}
    ordered = sorted(problems, key=lambda p: (not p.fatal,))
    rows = [
        {
            "severity": severity[p.severity][en],
            "sheet": p.sheet or ("File" if en else "Tệp"),
            "row": "" if p.row is None else str(p.row),
            "column": p.column or "",
            "found": p.found,
            "expected": p.expected_en if en else p.expected_vi,
            "fix": p.fix_en if en else p.fix_vi,
        }
        for p in ordered
    ]
    frame = pd.DataFrame(rows, columns=list(PROBLEM_HEADERS))
    return frame.rename(columns={k: v[en] for k, v in PROBLEM_HEADERS.items()})
