"""Every user-facing string, in Vietnamese (default) and English, and number formatting per language.

`t("key", lang)` looks a string up; `{name}` placeholders are filled from keyword arguments.
Long texts (methodology, about) are Markdown files `texts/<key>.<lang>.md` found by the same `t`.
Numbers follow the language: 37,8% and 1.234,5 ha in Vietnamese; 37.8% and 1,234.5 ha in English.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import cache
from pathlib import Path

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

STRINGS: dict[str, dict[str, str]] = {
    # application
    "nav.section.monitoring": {"vi": "Theo dõi", "en": "Monitoring"},
    "nav.section.reference": {"vi": "Tham khảo", "en": "Reference"},
    "page.overview": {"vi": "Tổng quan", "en": "Overview"},
    "page.economy": {"vi": "Kinh tế xanh (MT 1-6)", "en": "Green economy (targets 1-6)"},
    "page.lifestyle": {"vi": "Lối sống xanh (MT 7-12)", "en": "Green lifestyles (targets 7-12)"},
    "page.transition": {
        "vi": "Chuyển đổi công bằng (MT 13-15)",
        "en": "Fair transition (targets 13-15)",
    },
    "page.district_profile": {"vi": "Hồ sơ huyện", "en": "District profile"},
    "filter.district": {"vi": "Huyện, thành phố", "en": "District"},
    "filter.district_help": {
        "vi": "Để trống để xem toàn tỉnh; chọn một hoặc nhiều huyện để so sánh. Đây là 10 huyện"
        " của Kế hoạch (địa giới 2022), kèm ngày đơn vị kết thúc; từ 01/07/2025 số liệu là của"
        " địa bàn huyện, tổng hợp từ xã, phường (xem trang Xã, phường).",
        "en": "Leave empty for the whole province; pick one or several districts to compare. These"
        " are the plan's 10 districts (2022 boundaries) with the day each unit ended; from 1 Jul"
        " 2025 figures are for the district's territory, rolled up from communes and wards (see"
        " the Communes page).",
    },
    "filter.whole_province": {"vi": "Toàn tỉnh", "en": "Whole province"},
    "filter.sector": {"vi": "Lĩnh vực", "en": "Sector"},
    "filter.all_sectors": {"vi": "Tất cả lĩnh vực", "en": "All sectors"},
    "filter.years": {"vi": "Giai đoạn", "en": "Years"},
    "page.sites_map": {
        "vi": "Bản đồ KCN, CCN & nước thải",
        "en": "Map: industrial parks & wastewater",
    },
    "page.forest_map": {"vi": "Bản đồ che phủ rừng", "en": "Map: forest cover"},
    "page.communes": {"vi": "Xã, phường từ 1/7/2025", "en": "Communes and wards from 1/7/2025"},
    "page.sign_in": {"vi": "Đăng nhập", "en": "Sign in"},
    "page.account": {"vi": "Tài khoản của tôi", "en": "My account"},
    "page.audit": {"vi": "Nhật ký hoạt động", "en": "Audit log"},
    "page.accounts": {"vi": "Quản lý tài khoản", "en": "Accounts"},
    "nav.section.account": {"vi": "Tài khoản", "en": "Account"},
    "auth.intro": {
        "vi": "Cán bộ các sở, ngành đăng nhập để nộp số liệu và báo cáo của cơ quan mình; cán bộ"
        " thẩm định (Sở Tài chính) để thẩm định, công bố và tạo ảnh chụp. Xem dữ liệu không cần"
        " đăng nhập.",
        "en": "Department staff sign in to submit their agency's figures and reports; reviewers"
        " (Department of Finance) to review, publish and freeze snapshots. Reading needs no"
        " sign-in.",
    },
    "auth.username": {"vi": "Tên đăng nhập", "en": "Username"},
    "auth.password": {"vi": "Mật khẩu", "en": "Password"},
    "auth.sign_in": {"vi": "Đăng nhập", "en": "Sign in"},
    "auth.sign_in_link": {"vi": "Đăng nhập (cán bộ)", "en": "Sign in (staff)"},
    "auth.sign_out": {"vi": "Đăng xuất", "en": "Sign out"},
    "auth.signed_in_as": {"vi": "Đã đăng nhập: {who}", "en": "Signed in: {who}"},
    "auth.session_note": {
        "vi": "Phiên đăng nhập giữ {hours} giờ trên trình duyệt này (kể cả khi tải lại trang);"
        " đăng xuất khi dùng máy chung.",
        "en": "You stay signed in for {hours} hours in this browser (reloads included); sign out"
        " on a shared computer.",
    },
    "auth.no_account": {
        "vi": "Chưa có tài khoản? Quản trị viên tạo tài khoản cho từng cán bộ theo cơ quan.",
        "en": "No account? An administrator creates one for each staff member, per agency.",
    },
    "auth.empty": {
        "vi": "Nhập tên đăng nhập và mật khẩu.",
        "en": "Enter your username and password.",
    },
    "auth.refused": {
        "vi": "Trang này cần quyền: {what}. Tài khoản hiện tại không có quyền đó; hãy đăng nhập"
        " bằng tài khoản phù hợp hoặc liên hệ quản trị viên.",
        "en": "This page needs the permission: {what}. The current account does not have it;"
        " sign in with a suitable account or ask an administrator.",
    },
    "audit.intro": {
        "vi": "Mọi thao tác ghi (đăng nhập, tài khoản, ảnh chụp; sau này: nộp và thẩm định số liệu)"
        " được ghi lại: ai, khi nào, việc gì, từ đâu. Nhật ký chỉ được thêm, không vai trò nào sửa"
        " hay xóa được; mỗi mục mang mã băm nối với mục trước.",
        "en": "Every write (sign-ins, accounts, snapshots; later: submissions and reviews) is"
        " recorded: who, when, what, from where. The log is append-only: no role can edit or"
        " delete it; each entry carries a hash chained to the one before.",
    },
    "audit.chain_ok": {
        "vi": "Chuỗi mã băm nguyên vẹn: không mục nào bị sửa, xóa hay chèn.",
        "en": "The hash chain is intact: no entry was changed, removed or inserted.",
    },
    "audit.chain_broken": {
        "vi": "Chuỗi mã băm bị hỏng ở {count} chỗ: nhật ký đã bị can thiệp ngoài ứng dụng. Báo"
        " ngay cho quản trị hệ thống.",
        "en": "The hash chain is broken in {count} place(s): the log was altered outside the app."
        " Tell the system administrator at once.",
    },
    "audit.action": {"vi": "Việc", "en": "Action"},
    "audit.every_action": {"vi": "Mọi việc", "en": "Every action"},
    "audit.actor": {"vi": "Người thực hiện (tên đăng nhập)", "en": "Who (username)"},
    "audit.count": {"vi": "{n} mục gần nhất", "en": "{n} latest entries"},
    "accounts.add": {"vi": "Thêm tài khoản", "en": "Add an account"},
    "accounts.add_button": {"vi": "Thêm", "en": "Add"},
    "accounts.display_name": {"vi": "Họ tên", "en": "Full name"},
    "accounts.role": {"vi": "Vai trò", "en": "Role"},
    "accounts.agency": {"vi": "Cơ quan", "en": "Agency"},
    "accounts.no_agency": {"vi": "(không thuộc cơ quan nào)", "en": "(no agency)"},
    "accounts.source": {"vi": "Cách đăng nhập", "en": "Sign-in"},
    "accounts.disabled_col": {"vi": "Đã khóa", "en": "Disabled"},
    "accounts.password_again": {"vi": "Nhập lại mật khẩu", "en": "Password again"},
    "accounts.passwords_differ": {
        "vi": "Hai mật khẩu không giống nhau: nhập lại.",
        "en": "The two passwords differ: type them again.",
    },
    "accounts.added": {"vi": "Đã thêm tài khoản {name}.", "en": "Account {name} added."},
    "accounts.change": {"vi": "Khóa, mở khóa, đặt lại mật khẩu", "en": "Disable, enable, reset"},
    "accounts.disable": {"vi": "Khóa tài khoản", "en": "Disable the account"},
    "accounts.enable": {"vi": "Mở lại tài khoản", "en": "Enable the account"},
    "accounts.disabled": {
        "vi": "Đã khóa tài khoản {name}; các phiên đang mở đã kết thúc.",
        "en": "Account {name} disabled; its open sessions ended.",
    },
    "accounts.enabled": {"vi": "Đã mở lại tài khoản {name}.", "en": "Account {name} enabled."},
    "accounts.new_password": {"vi": "Mật khẩu mới", "en": "New password"},
    "accounts.reset": {"vi": "Đặt lại mật khẩu", "en": "Reset the password"},
    "accounts.reset_done": {
        "vi": "Đã đặt mật khẩu mới cho {name}; các phiên đang mở đã kết thúc.",
        "en": "New password set for {name}; its open sessions ended.",
    },
    "accounts.cache": {"vi": "Bộ nhớ đệm", "en": "Cache"},
    "accounts.cache_note": {
        "vi": "Kết quả tính toán được lưu đệm theo phiên bản dữ liệu; chỉ cần xóa khi nghi có lỗi.",
        "en": "Results are cached per data version; clear only when something looks wrong.",
    },
    "accounts.clear_cache": {"vi": "Xóa bộ nhớ đệm", "en": "Clear the cache"},
    "accounts.cache_cleared": {"vi": "Đã xóa bộ nhớ đệm.", "en": "Cache cleared."},
    "snapshot.reviewers_only": {
        "vi": "Chỉ cán bộ thẩm định (cơ quan thường trực, nay là Sở Tài chính) tạo được ảnh chụp"
        " dữ liệu, để tên ảnh chụp của phiên họp không bị người khác chiếm trước. Hãy đăng nhập"
        " nếu bạn có tài khoản thẩm định.",
        "en": "Only reviewers (the standing body, now the Department of Finance) can freeze"
        " snapshots, so no one else takes a meeting's snapshot name first. Sign in if you have a"
        " reviewer account.",
    },
    "brief.make_pdf": {"vi": "Tạo bản PDF", "en": "Make the PDF"},
    "brief.making_pdf": {
        "vi": "Đang tạo bản PDF (khoảng 10-20 giây)…",
        "en": "Making the PDF (about 10-20 seconds)…",
    },
    "brief.pdf_ready": {"vi": "Bản PDF đã sẵn sàng", "en": "The PDF is ready"},
    "brief.pdf_busy": {
        "vi": "Một bản PDF đang được tạo trong phiên này; chờ xong rồi thử lại.",
        "en": "A PDF is already being made in this session; wait for it, then try again.",
    },
    "nav.section.reporting": {"vi": "Báo cáo định kỳ", "en": "Periodic reports"},
    "page.report": {"vi": "Nộp báo cáo", "en": "Submit a report"},
    "page.review": {"vi": "Thẩm định báo cáo", "en": "Review reports"},
    "page.completeness": {"vi": "Tình hình nộp báo cáo", "en": "Reporting completeness"},
    "report.intro": {
        "vi": "Báo cáo định kỳ của **{agency}**: tải tệp Excel của kỳ, điền giá trị, nguồn và ghi"
        " chú, tình hình các nhiệm vụ của Kế hoạch (trang tính Nhiệm vụ), rồi tải lên. Mọi lỗi"
        " được liệt kê cùng lúc (trang tính, dòng, cột, cách sửa); cảnh báo cần một giải thích"
        " trong cột ghi chú trước khi nộp.",
        "en": "Periodic report of **{agency}**: download the period's Excel workbook, fill in the"
        " values, sources and notes and how the plan's tasks stand (sheet Nhiệm vụ), then upload"
        " it. Every problem is listed at once (sheet, row, column, how to fix); a warning needs"
        " an explanation in the comment column before submitting.",
    },
    "report.period": {"vi": "Kỳ báo cáo (năm)", "en": "Reporting period (year)"},
    "report.deadline": {"vi": "Hạn nộp: {deadline}", "en": "Deadline: {deadline}"},
    "report.template": {"vi": "Tải tệp Excel của kỳ", "en": "Download the period's workbook"},
    "report.upload": {
        "vi": "Tải lên tệp đã điền (.xlsx)",
        "en": "Upload the filled workbook (.xlsx)",
    },
    "report.problems": {
        "vi": "{n} vấn đề ({fatal} lỗi chặn nộp): sửa trong tệp rồi tải lên lại.",
        "en": "{n} problem(s) ({fatal} blocking): fix them in the file and upload it again.",
    },
    "report.valid": {
        "vi": "Tệp hợp lệ: {rows} giá trị, {tasks} báo cáo nhiệm vụ. Xem trước những gì sẽ thay"
        " đổi trên bảng theo dõi.",
        "en": "The file is valid: {rows} values, {tasks} task reports. Preview what would change"
        " on the dashboard.",
    },
    "report.blank_tasks": {
        "vi": "{n} nhiệm vụ cơ quan chủ trì còn để trống ({tasks}): chưa được tính là đã báo cáo.",
        "en": "{n} task(s) your agency leads left blank ({tasks}): they count as not reported.",
    },
    "report.preview": {
        "vi": "Xem trước: bảng theo dõi sẽ hiển thị gì nếu hồ sơ được chấp nhận",
        "en": "Preview: what the dashboard would show if the submission were accepted",
    },
    "panel.history": {
        "vi": "Lịch sử báo cáo của chỉ tiêu ({n} giá trị)",
        "en": "Reporting history of this indicator ({n} values)",
    },
    "panel.history_note": {
        "vi": "Mọi giá trị các cơ quan đã báo cáo, cũ trước mới sau theo địa bàn và kỳ: ai nộp,"
        " khi nào, ai thẩm định và kết quả; ✓ là giá trị đang công bố. Hồ sơ bị rút hay được thay"
        " thế vẫn được giữ.",
        "en": "Every value the agencies reported, oldest first per area and period: who submitted"
        " it, when, who reviewed it and the outcome; ✓ marks the published one. Withdrawn and"
        " superseded submissions are kept.",
    },
    "preview.values": {
        "vi": "Giá trị sẽ thay đổi ({n})",
        "en": "Values that would change ({n})",
    },
    "preview.no_values": {
        "vi": "Không giá trị nào thay đổi: hồ sơ báo cáo đúng các giá trị đang công bố.",
        "en": "No value would change: the submission reports the values already published.",
    },
    "preview.reported": {"vi": "Báo cáo trong hồ sơ", "en": "Reported in the submission"},
    "preview.derived": {
        "vi": "Tổng hợp từ số liệu xã, phường",
        "en": "Rolled up from the communes' figures",
    },
    "preview.statuses": {
        "vi": "Trạng thái chỉ tiêu sẽ thay đổi ({n})",
        "en": "Indicator statuses that would change ({n})",
    },
    "preview.no_statuses": {
        "vi": "Không trạng thái chỉ tiêu nào thay đổi.",
        "en": "No indicator's status would change.",
    },
    "preview.warnings": {"vi": "Cảnh báo mới ({n})", "en": "New warnings ({n})"},
    "preview.tasks": {
        "vi": "Báo cáo nhiệm vụ sẽ thay đổi ({n})",
        "en": "Task reports that would change ({n})",
    },
    "preview.no_tasks": {
        "vi": "Không báo cáo nhiệm vụ nào thay đổi.",
        "en": "No task report would change.",
    },
    "preview.no_warnings": {
        "vi": "Không có cảnh báo mới: không chỉ tiêu nào xấu đi, mọi kiểm tra dữ liệu vẫn đạt.",
        "en": "No new warnings: no indicator gets worse and every data check still passes.",
    },
    "report.comments": {
        "vi": "Ghi chú gửi bộ phận thẩm định (không bắt buộc)",
        "en": "Note to the reviewers (optional)",
    },
    "report.submit": {"vi": "Nộp để thẩm định", "en": "Submit for review"},
    "report.submitted": {
        "vi": "Đã nộp: mã hồ sơ {id}. Bộ phận thẩm định sẽ chấp nhận hoặc trả lại kèm lý do.",
        "en": "Submitted: submission {id}. The reviewers will accept it or return it with a reason.",
    },
    "report.needs_comments": {
        "vi": "Có cảnh báo chưa được giải thích: ghi lý do vào cột ghi chú của dòng đó rồi tải lên lại.",
        "en": "Some warnings are not explained: write the reason in that row's comment column and"
        " upload again.",
    },
    "report.mine": {"vi": "Hồ sơ đã nộp của cơ quan", "en": "Your agency's submissions"},
    "report.none": {"vi": "Chưa có hồ sơ nào.", "en": "No submissions yet."},
    "review.queue": {"vi": "Hồ sơ chờ thẩm định ({n})", "en": "Waiting for review ({n})"},
    "review.none": {"vi": "Không có hồ sơ nào đang chờ.", "en": "Nothing is waiting."},
    "review.choose": {"vi": "Hồ sơ", "en": "Submission"},
    "review.diff": {
        "vi": "Nếu chấp nhận: giá trị báo cáo bên cạnh giá trị đang công bố, trạng thái và cảnh báo",
        "en": "If accepted: reported values beside the published ones, statuses and warnings",
    },
    "review.comments": {"vi": "Ghi chú của người nộp", "en": "The reporter's note"},
    "review.tasks": {
        "vi": "Báo cáo nhiệm vụ trong hồ sơ ({n}) bên cạnh báo cáo đang công bố",
        "en": "Task reports in the submission ({n}) beside the published ones",
    },
    "review.accept": {"vi": "Chấp nhận và công bố", "en": "Accept and publish"},
    "review.reason": {"vi": "Lý do trả lại", "en": "Reason for returning"},
    "review.return": {"vi": "Trả lại", "en": "Return"},
    "review.accepted": {
        "vi": "Đã chấp nhận {id}: các giá trị đã được công bố.",
        "en": "Accepted {id}: its values are published.",
    },
    "review.readers_later": {
        "vi": "Tài khoản cán bộ thấy ngay; người xem không đăng nhập thấy sau khi máy chủ chuẩn bị"
        " xong các trang (tối đa {minutes} phút).",
        "en": "Staff accounts see them at once; readers who are not signed in see them once the"
        " server has prepared the pages (at most {minutes} minutes).",
    },
    "review.returned": {
        "vi": "Đã trả lại {id}; cơ quan báo cáo sẽ thấy lý do.",
        "en": "Returned {id}; the reporting agency sees the reason.",
    },
    "review.history": {"vi": "Mọi hồ sơ", "en": "Every submission"},
    "completeness.intro": {
        "vi": "Theo từng cơ quan và kỳ: số báo cáo phải nộp, đã nhận, đã chấp nhận, bị trả lại, đúng"
        " hạn, muộn và chưa nộp (theo chế độ báo cáo của từng chỉ tiêu).",
        "en": "Per agency and period: reports expected, received, accepted, returned, on time, late"
        " and missing (from each indicator's reporting regime).",
    },
    "completeness.present": {
        "vi": "Trình chiếu tình hình báo cáo kỳ {period}",
        "en": "Present the reporting status of period {period}",
    },
    "completeness.present_help": {
        "vi": "Mở chế độ trình chiếu ở trang Tình hình báo cáo của phiên họp: kỳ gần nhất đã quá"
        " hạn nộp, kỳ {period} (hạn {deadline}).",
        "en": "Open presenter mode at the meeting's reporting status slide: the latest period"
        " past its deadline, period {period} (deadline {deadline}).",
    },
    "completeness.reminders": {
        "vi": "Cần nhắc trước hạn ({n})",
        "en": "To remind before the deadline ({n})",
    },
    "page.regime": {"vi": "Chế độ báo cáo", "en": "Reporting regime"},
    "regime.intro": {
        "vi": "Chế độ báo cáo đang áp dụng cho từng chỉ tiêu: cơ quan báo cáo hôm nay, tần suất,"
        " ngày chốt số liệu, hạn gửi, khoảng giá trị hợp lý và mức thay đổi tối đa so với kỳ"
        " trước. Giá trị gốc là tệp reporting_regime.csv đi kèm ứng dụng; bộ phận thường trực sửa"
        " tại đây, thay đổi được lưu trong cơ sở dữ liệu, áp dụng ngay cho mẫu báo cáo, kiểm tra"
        " số liệu nộp và theo dõi hạn nộp, và được ghi vào nhật ký hoạt động kèm lý do.",
        "en": "The reporting regime in effect for each indicator: the agency reporting it today, the"
        " frequency, the data cut-off, the deadline, the plausible range and the largest change"
        " from the previous period. The bundled file reporting_regime.csv holds the original"
        " values; the secretariat changes them here: a change is kept in the database, applies at"
        " once to the workbooks, the checks of submissions and the deadlines, and is recorded in"
        " the audit log with its reason.",
    },
    "regime.table": {"vi": "Chế độ báo cáo đang áp dụng", "en": "The regime in effect"},
    "regime.edit": {
        "vi": "Sửa chế độ báo cáo của một chỉ tiêu",
        "en": "Change one indicator's regime",
    },
    "regime.choose": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "regime.month_day_help": {
        "vi": "Tháng-ngày MM-DD, ví dụ 01-31. Hạn gửi là ngày đó đầu tiên sau ngày chốt số liệu"
        " (01-15 là 15/01 năm sau).",
        "en": "Month-day MM-DD, e.g. 01-31. The deadline is the first such day after the cut-off"
        " (01-15 is 15 January of the next year).",
    },
    "regime.optional_help": {
        "vi": "Để trống nếu không áp dụng.",
        "en": "Leave empty when it does not apply.",
    },
    "regime.lead_agency": {
        "vi": "Cơ quan chủ trì theo Kế hoạch",
        "en": "The plan's lead agency",
    },
    "regime.reason": {
        "vi": "Lý do thay đổi (bắt buộc, ví dụ số văn bản chỉ đạo)",
        "en": "Reason for the change (required, e.g. the instruction's number)",
    },
    "regime.save": {"vi": "Lưu thay đổi", "en": "Save the change"},
    "regime.reset": {"vi": "Trả về giá trị gốc", "en": "Reset to the bundled value"},
    "regime.saved": {
        "vi": "Đã lưu chế độ báo cáo của {id}: {changes}",
        "en": "Saved the reporting regime of {id}: {changes}",
    },
    "regime.reset_done": {
        "vi": "Đã trả chế độ báo cáo của {id} về giá trị gốc",
        "en": "The reporting regime of {id} is back to the bundled value",
    },
    "regime.history": {"vi": "Lịch sử thay đổi", "en": "History of changes"},
    "regime.no_history": {
        "vi": "Chưa có thay đổi nào: đang áp dụng đúng tệp gốc.",
        "en": "No change yet: the bundled file is in effect.",
    },
    "regime.col.indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "regime.col.agency": {"vi": "Cơ quan báo cáo hôm nay", "en": "Reporting agency today"},
    "regime.col.due": {"vi": "Hạn kỳ {period}", "en": "Due for {period}"},
    "regime.col.plausible": {"vi": "Khoảng hợp lý", "en": "Plausible range"},
    "regime.col.factor": {"vi": "Thay đổi tối đa (lần)", "en": "Largest change (×)"},
    "regime.col.changed": {"vi": "Khác tệp gốc", "en": "Differs from the file"},
    "regime.col.changed_by": {"vi": "Người sửa", "en": "Changed by"},
    "regime.col.changed_when": {"vi": "Người sửa, lúc", "en": "Changed by, at"},
    "regime.col.when": {"vi": "Thời điểm", "en": "When"},
    "regime.col.action": {"vi": "Việc", "en": "What"},
    "regime.col.changes": {"vi": "Thay đổi (trước → sau)", "en": "Changes (before → after)"},
    "regime.col.reason": {"vi": "Lý do", "en": "Reason"},
    "regime.yes": {"vi": "Có", "en": "Yes"},
    "regime.no": {"vi": "Không", "en": "No"},
    "regime.field.indicator_id": {"vi": "Mã chỉ tiêu", "en": "Indicator id"},
    "regime.field.frequency": {"vi": "Tần suất", "en": "Frequency"},
    "regime.field.cutoff": {"vi": "Ngày chốt số liệu", "en": "Data cut-off"},
    "regime.field.deadline": {"vi": "Hạn gửi", "en": "Deadline"},
    "regime.field.reporter": {"vi": "Cơ quan báo cáo", "en": "Reporting agency"},
    "regime.field.plausible_min": {"vi": "Giá trị hợp lý nhỏ nhất", "en": "Plausible minimum"},
    "regime.field.plausible_max": {"vi": "Giá trị hợp lý lớn nhất", "en": "Plausible maximum"},
    "regime.field.max_change_factor": {
        "vi": "Mức thay đổi tối đa so với kỳ trước (lần)",
        "en": "Largest change from the previous period (×)",
    },
    "regime.field.note": {"vi": "Ghi chú", "en": "Note"},
    "regime.problem": {
        "vi": "Chỉ tiêu {label} {name} ({id}), {field} ({column}): {problem}",
        "en": "Indicator {label} {name} ({id}), {field} ({column}): {problem}",
    },
    "regime.problem_regime": {
        "vi": "Chế độ báo cáo, {field} ({column}): {problem}",
        "en": "Reporting regime, {field} ({column}): {problem}",
    },
    "regime.refused": {
        "vi": "Chưa lưu thay đổi: {n} lỗi, sửa rồi lưu lại",
        "en": "The change is not saved: {n} problem(s), fix and save again",
    },
    "regime.not_allowed": {
        "vi": "Tài khoản {who} không được sửa chế độ báo cáo (cần vai trò cán bộ thẩm định hoặc"
        " quản trị viên)",
        "en": "Account {who} may not change the reporting regime (it needs the reviewer or"
        " administrator role)",
    },
    "regime.reason_needed": {
        "vi": "Chưa lưu thay đổi: ghi lý do thay đổi (ví dụ số văn bản chỉ đạo); lý do được lưu"
        " trong nhật ký hoạt động",
        "en": "The change is not saved: give the reason for it (e.g. the instruction's number);"
        " the reason is kept in the audit log",
    },
    "regime.reason_long": {
        "vi": "Chưa lưu thay đổi: lý do dài quá {n} ký tự; viết ngắn lại",
        "en": "The change is not saved: the reason is longer than {n} characters; shorten it",
    },
    "regime.note_long": {
        "vi": "Chưa lưu thay đổi: ghi chú dài quá {n} ký tự; viết ngắn lại",
        "en": "The change is not saved: the note is longer than {n} characters; shorten it",
    },
    "regime.unknown": {
        "vi": "Chưa lưu thay đổi: '{id}' không có trong chế độ báo cáo (mục tiêu mốc không báo"
        " cáo bằng số); dùng một trong: {known}",
        "en": "The change is not saved: '{id}' is not in the reporting regime (milestones are not"
        " reported as figures); use one of: {known}",
    },
    "regime.unknown_field": {
        "vi": "Chưa lưu thay đổi: không có trường {fields}; các trường sửa được: {known}",
        "en": "The change is not saved: there is no field {fields}; the fields that can be set:"
        " {known}",
    },
    "regime.nothing_changed": {
        "vi": "Chưa lưu gì: các giá trị của {id} giống giá trị đang áp dụng; sửa ít nhất một"
        " trường",
        "en": "Nothing saved: the values of {id} are those in effect; change at least one field",
    },
    "regime.already_bundled": {
        "vi": "Chưa lưu gì: chế độ báo cáo của {id} đang là giá trị gốc của tệp",
        "en": "Nothing saved: the reporting regime of {id} is the bundled file's already",
    },
    "page.catalog": {"vi": "Danh mục chỉ tiêu", "en": "Indicator catalog"},
    "page.methodology": {"vi": "Phương pháp", "en": "Methodology"},
    "page.about": {"vi": "Giới thiệu & nguồn dữ liệu", "en": "About & data sources"},
    "lang.label": {"vi": "Ngôn ngữ / Language", "en": "Ngôn ngữ / Language"},
    # single sign-on through the province's OpenID Connect provider (ttx_data/ui/sso.py)
    "sso.button": {"vi": "Đăng nhập một lần (SSO)", "en": "Single sign-on (SSO)"},
    "sso.help": {
        "vi": "Đăng nhập bằng tài khoản công vụ của tỉnh",
        "en": "Sign in with your province account",
    },
    "sso.sign_out": {"vi": "Đăng xuất", "en": "Sign out"},
    # data truth
    "data.currency": {
        "vi": "Số liệu đến năm {year} · dữ liệu thay đổi lần cuối ngày {date}",
        "en": "Figures up to {year} · data last changed {date}",
    },
    "data.illustrative_banner": {
        "vi": "Trang này có **số liệu minh họa** ({count} giá trị): chúng do TTX Bắc Giang tạo ra để"
        " thể hiện cách theo dõi, **không phải số liệu chính thức**. Giá trị có nguồn công bố được"
        " ghi rõ là chính thức/được báo cáo/ước tính kèm nguồn.",
        "en": "This page shows **illustrative data** ({count} values): generated by TTX Bắc Giang"
        " to demonstrate monitoring, **not official figures**. Values from published sources are"
        " marked official/reported/estimate with their source.",
    },
    "provenance.official": {"vi": "chính thức", "en": "official"},
    "provenance.reported": {"vi": "được báo cáo", "en": "reported"},
    "provenance.estimate": {"vi": "ước tính", "en": "estimate"},
    "provenance.illustrative": {"vi": "minh họa", "en": "illustrative"},
    "group.no_indicators_for_sector": {
        "vi": "Nhóm này không có chỉ tiêu nào thuộc lĩnh vực “{sector}”. Chọn “Tất cả lĩnh vực” ở thanh bên.",
        "en": "This group has no indicator in the sector “{sector}”. Choose “All sectors” in the sidebar.",
    },
    "panel.show_table": {"vi": "Xem dạng bảng", "en": "Show as a table"},
    "panel.download_csv": {"vi": "Tải CSV", "en": "Download CSV"},
    "panel.download_xlsx": {"vi": "Tải Excel (.xlsx)", "en": "Download Excel (.xlsx)"},
    "panel.province_only": {
        "vi": "Chỉ tiêu này chỉ theo dõi cho toàn tỉnh, không theo huyện: đang hiển thị số liệu toàn tỉnh.",
        "en": "This indicator is followed for the whole province only, not by district: showing the province.",
    },
    "panel.no_data": {
        "vi": "Chưa có số liệu của chỉ tiêu này trong giai đoạn {first}-{last}. Hãy mở rộng giai đoạn ở thanh bên.",
        "en": "No data for this indicator in {first}-{last}. Widen the years in the sidebar.",
    },
    "panel.no_district_data": {
        "vi": "Chưa có số liệu của {districts} cho chỉ tiêu này trong giai đoạn đã chọn.",
        "en": "No data for {districts} on this indicator in the chosen years.",
    },
    "panel.ranking": {"vi": "So sánh các huyện, năm {year}", "en": "Districts compared, {year}"},
    "panel.ranking_title": {
        "vi": "{name}: xếp hạng huyện năm {year}",
        "en": "{name}: districts ranked, {year}",
    },
    "panel.ranking_earlier": {
        "vi": "Năm {last} chưa có số liệu theo huyện của chỉ tiêu này; xếp hạng theo năm {year},"
        " năm gần nhất có số liệu.",
        "en": "No district figures of this indicator for {last}; districts ranked in {year}, the"
        " latest year with figures.",
    },
    "panel.no_ranking": {
        "vi": "Chưa có số liệu theo huyện của năm {year}.",
        "en": "No district figures for {year}.",
    },
    "panel.click_hint": {
        "vi": "Bấm vào một cột để chọn huyện đó cho toàn bộ ứng dụng; bấm ra ngoài các cột để bỏ"
        " chọn. Cột nhạt: số liệu minh họa.",
        "en": "Click a bar to select that district across the app; click beside the bars to undo."
        " Pale bars: illustrative values.",
    },
    "panel.no_steps": {"vi": "Chưa ghi nhận bước thực hiện nào.", "en": "No steps recorded yet."},
    "profile.choose": {"vi": "Huyện, thành phố", "en": "District"},
    "profile.placeholder": {"vi": "Chọn một huyện", "en": "Choose a district"},
    "profile.pick_first": {
        "vi": "Chọn một huyện, thành phố để xem hồ sơ (hoặc chọn ở bộ lọc thanh bên).",
        "en": "Choose a district to see its profile (or pick one in the sidebar filter).",
    },
    "profile.intro": {
        "vi": "Mọi chỉ tiêu được theo dõi theo huyện, giai đoạn {first}-{last}: giá trị mới nhất, thứ hạng"
        " trong 10 huyện, thành phố (1 = tốt nhất), giá trị toàn tỉnh, mục tiêu 2030, tình trạng và xu hướng.",
        "en": "Every indicator followed by district, {first}-{last}: latest value, rank among the 10"
        " districts (1 = best), province value, 2030 target, status and trend.",
    },
    "profile.period_mark": {
        "vi": "Năm huyện không còn là đơn vị năm 2022 của Kế hoạch: xem ghi chú dưới bảng",
        "en": "A year when the district was no longer the plan's 2022 unit: see the notes below",
    },
    "profile.period_notes": {
        "vi": "† Số liệu của những năm huyện không còn như năm 2022:",
        "en": "† Figures of years when the district was no longer as in 2022:",
    },
    "profile.history": {"vi": "Đơn vị theo thời gian", "en": "The unit over time"},
    "profile.communes": {
        "vi": "Từ 01/07/2025, địa bàn {name} (địa giới 2022) gồm {count} xã, phường",
        "en": "From 1 Jul 2025, the territory of {name} (2022 boundaries) is made up of {count}"
        " communes and wards",
    },
    "profile.col.rank": {"vi": "Thứ hạng", "en": "Rank"},
    "profile.col.province": {"vi": "Toàn tỉnh", "en": "Province"},
    "profile.print_hint": {
        "vi": "Để in: dùng lệnh In của trình duyệt (Ctrl+P); bảng in được trên khổ A4 ngang.",
        "en": "To print: use the browser's Print (Ctrl+P); the table fits landscape A4.",
    },
    "group.targets": {"vi": "Mục tiêu {first}-{last}", "en": "Targets {first}-{last}"},
    # statuses
    "status.achieved": {"vi": "Đã đạt mục tiêu", "en": "Target achieved"},
    "status.on_track": {"vi": "Đúng tiến độ", "en": "On track"},
    "status.needs_acceleration": {"vi": "Cần tăng tốc", "en": "Needs acceleration"},
    "status.limited_progress": {"vi": "Tiến bộ hạn chế", "en": "Limited progress"},
    "status.deterioration": {"vi": "Đi xa mục tiêu", "en": "Moving away from target"},
    "status.in_progress": {"vi": "Đang thực hiện", "en": "In progress"},
    "status.not_started": {"vi": "Chưa bắt đầu", "en": "Not started"},
    "status.not_assessed": {"vi": "Không đánh giá theo huyện", "en": "Not assessed by district"},
    "status.insufficient_data": {"vi": "Chưa đủ dữ liệu", "en": "Insufficient data"},
    "milestone.done": {"vi": "Đã xong", "en": "Done"},
    "milestone.in_progress": {"vi": "Đang thực hiện", "en": "In progress"},
    "milestone.not_started": {"vi": "Chưa bắt đầu", "en": "Not started"},
    # scorecard
    "overview.heading": {
        "vi": "Bảng theo dõi các mục tiêu đến năm 2030",
        "en": "Scorecard of the 2030 targets",
    },
    "overview.counts": {"vi": "Số chỉ tiêu theo tình trạng", "en": "Indicators by status"},
    "overview.intro": {
        "vi": "{n_indicators} chỉ tiêu đo được: {n_targets} mục tiêu cụ thể của Kế hoạch (mục II.3)"
        " tách thành {n_section_ii} chỉ tiêu, cộng {extra}. Tình trạng so sánh tốc độ đã đạt từ năm"
        " gốc với tốc độ cần có để đạt mục tiêu năm 2030 (xem trang Phương pháp).",
        "en": "{n_indicators} measurable indicators: the plan's {n_targets} specific targets (section"
        " II.3) split into {n_section_ii}, plus {extra}. Status compares the pace achieved since the"
        " baseline with the pace needed to reach the 2030 target (see Methodology).",
    },
    "overview.extra_indicator": {
        "vi": "{n} chỉ tiêu từ mục {clause} ({names})",
        "en": "{n} from section {clause} ({names})",
    },
    "overview.province_only": {
        "vi": "Bảng tổng quan là số liệu toàn tỉnh. Số liệu các huyện đã chọn có ở các trang nhóm mục"
        " tiêu và trang Hồ sơ huyện.",
        "en": "The overview shows the whole province. The chosen districts' figures are on the"
        " target-group pages and the District profile page.",
    },
    "overview.sector_only": {
        "vi": "Chỉ hiển thị {shown} chỉ tiêu thuộc lĩnh vực “{sector}”.",
        "en": "Showing only the {shown} indicators of the sector “{sector}”.",
    },
    "col.indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "col.latest": {"vi": "Giá trị mới nhất", "en": "Latest value"},
    "col.target": {"vi": "Mục tiêu 2030", "en": "2030 target"},
    "col.status": {"vi": "Tình trạng", "en": "Status"},
    "col.trend": {"vi": "Xu hướng", "en": "Trend"},
    "col.pace": {"vi": "Tốc độ cần / đã đạt", "en": "Pace needed / achieved"},
    "pace.required": {"vi": "cần {value}/năm", "en": "needs {value}/yr"},
    "pace.achieved": {"vi": "đã đạt {value}/năm", "en": "achieved {value}/yr"},
    "pace.rate_required": {"vi": "cần {value}/năm", "en": "needs {value}/yr"},
    "pace.none": {"vi": "—", "en": "—"},
    "pace.milestone": {"vi": "{done}/{total} bước đã xong", "en": "{done}/{total} steps done"},
    "target.range": {"vi": "{low}–{high}", "en": "{low}–{high}"},
    "target.above": {"vi": "trên {value}", "en": "above {value}"},
    "target.at_least": {"vi": "≥ {value}", "en": "≥ {value}"},
    "target.at_most": {"vi": "≤ {value}", "en": "≤ {value}"},
    "target.rate": {"vi": "giảm {low}–{high}%/năm", "en": "cut {low}–{high}%/yr"},
    "target.rate_increase": {"vi": "tăng {low}–{high}%/năm", "en": "grow {low}–{high}%/yr"},
    "target.milestone": {"vi": "Hoàn thành", "en": "Completed"},
    "trend.alt": {
        "vi": "Xu hướng {first_year}-{last_year}: từ {first} đến {last}",
        "en": "Trend {first_year}-{last_year}: from {first} to {last}",
    },
    "value.none": {"vi": "chưa có số liệu", "en": "no data"},
    # catalog
    "catalog.intro": {
        "vi": "Mỗi mục tiêu định lượng của mục II.3 được tách thành các chỉ tiêu đo được, thêm mục tiêu"
        " giảm túi nilon của mục III.8.9. Cơ quan chủ trì và phối hợp theo phần III của Kế hoạch.",
        "en": "Each quantified target of section II.3 is split into measurable indicators, plus the"
        " plastic-bag target of section III.8.9. Lead and cooperating agencies follow section III.",
    },
    "catalog.col.label": {"vi": "Mục tiêu", "en": "Target"},
    "catalog.col.name": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "catalog.col.group": {"vi": "Nhóm", "en": "Group"},
    "catalog.col.target": {"vi": "Mục tiêu 2030", "en": "2030 target"},
    "catalog.col.unit": {"vi": "Đơn vị", "en": "Unit"},
    "catalog.col.kind": {"vi": "Loại mục tiêu", "en": "Kind"},
    "catalog.col.lead": {"vi": "Cơ quan chủ trì", "en": "Lead agency"},
    "catalog.col.cooperating": {"vi": "Cơ quan phối hợp", "en": "Cooperating agencies"},
    "catalog.col.sectors": {"vi": "Lĩnh vực", "en": "Sectors"},
    "catalog.col.breakdowns": {"vi": "Phân tổ", "en": "Breakdowns"},
    "catalog.col.clause": {"vi": "Điều khoản", "en": "Plan clause"},
    "catalog.col.page": {"vi": "Trang chỉ tiêu", "en": "Indicator page"},
    "catalog.open_page": {"vi": "Mở trang", "en": "Open"},
    "catalog.open_indicator": {
        "vi": "Mở trang của chỉ tiêu {label} · {name}",
        "en": "Open the page of indicator {label} · {name}",
    },
    "catalog.detail": {"vi": "Xem chi tiết chỉ tiêu", "en": "Indicator details"},
    "catalog.definition": {"vi": "Định nghĩa", "en": "Definition"},
    "catalog.plan_text": {"vi": "Nguyên văn Kế hoạch", "en": "The plan's words"},
    "catalog.translation": {"vi": "Bản dịch", "en": "Translation"},
    "catalog.tasks": {"vi": "Nhiệm vụ giao tại", "en": "Tasks assigned in"},
    # areas and charts
    "area.province": {"vi": "Toàn tỉnh", "en": "Whole province"},
    "chart.area": {"vi": "Địa bàn", "en": "Area"},
    "chart.year": {"vi": "Năm", "en": "Year"},
    "chart.date": {"vi": "Ngày", "en": "Date"},
    "chart.value": {"vi": "Giá trị", "en": "Value"},
    "chart.district": {"vi": "Huyện, thành phố", "en": "District"},
    "chart.key": {
        "vi": "Đường liền: số liệu · – – lộ trình thẳng từ năm gốc đến mục tiêu · ··· dự báo theo"
        " tốc độ đã đạt · đường xanh lá: mục tiêu 2030 (dải: khoảng mục tiêu). Điểm: ● chính thức,"
        " ■ được báo cáo, ◆ ước tính, △ rỗng = minh họa.",
        "en": "Solid line: data · – – straight path from baseline to target · ··· projection at the"
        " achieved pace · green line: 2030 target (band: target range). Points: ● official,"
        " ■ reported, ◆ estimate, hollow △ = illustrative.",
    },
    "chart.path": {"vi": "Lộ trình đến mục tiêu", "en": "Path to the target"},
    "chart.projection": {"vi": "Dự báo theo tốc độ hiện tại", "en": "Projection at current pace"},
    "chart.provenance": {"vi": "Nguồn gốc số liệu", "en": "Provenance"},
    "chart.province": {"vi": "Toàn tỉnh", "en": "Province"},
    "panel.province_total": {
        "vi": "Toàn tỉnh: {total}, là tổng của các huyện nên không vẽ làm mốc so sánh với từng huyện.",
        "en": "Whole province: {total}, the sum of the districts, so it is not drawn as a line to"
        " compare each district with.",
    },
    "chart.rank": {"vi": "Xếp hạng", "en": "Rank"},
    "chart.status": {"vi": "Tình trạng", "en": "Status"},
    "chart.step": {"vi": "Bước", "en": "Step"},
    "chart.target": {"vi": "Mục tiêu 2030", "en": "2030 target"},
    # pace sentences
    "verb.rise": {"vi": "tăng", "en": "rise"},
    "verb.fall": {"vi": "giảm", "en": "fall"},
    "sentence.required_pace": {
        "vi": "Cần {verb} {amount}/năm đến 2030",
        "en": "Needs to {verb} {amount} a year to 2030",
    },
    "sentence.achieved_pace": {
        "vi": "đã đạt {amount}/năm từ {baseline_year}",
        "en": "achieved {amount} a year since {baseline_year}",
    },
    "sentence.moved_pace": {
        "vi": "nhưng đã {verb} {amount}/năm từ {baseline_year}",
        "en": "but moved the other way ({verb} {amount} a year) since {baseline_year}",
    },
    "sentence.rate": {
        "vi": "Cần {verb_required} bình quân {required}%/năm từ {latest_year} đến 2030; đã"
        " {verb_achieved} bình quân {achieved}%/năm từ {baseline_year}.",
        "en": "Needs an average {verb_required} of {required}% a year from {latest_year} to 2030;"
        " since {baseline_year} the average is a {verb_achieved} of {achieved}% a year.",
    },
    "sentence.slipping": {
        "vi": "Đang đạt mục tiêu ({latest}, {year}) nhưng đã {verb} {amount}/năm từ {baseline_year};"
        " theo tốc độ này còn {projected} năm 2030, không đạt mục tiêu {target}.",
        "en": "Meets the target now ({latest}, {year}), but since {baseline_year} the trend is a"
        " {verb} of {amount} a year; at this pace it would be {projected} in 2030, missing the"
        " target {target}.",
    },
    "sentence.achieved": {
        "vi": "Đã đạt mục tiêu: {latest} ({year}), mục tiêu {target}.",
        "en": "Target achieved: {latest} ({year}), target {target}.",
    },
    "sentence.province_target": {
        "vi": "Mục tiêu {target} là của toàn tỉnh, nên không đánh giá riêng từng huyện.",
        "en": "The {target} target is for the whole province, so districts are not assessed on it.",
    },
    "sentence.insufficient": {
        "vi": "Chưa đủ dữ liệu để đánh giá: cần số liệu của ít nhất hai năm.",
        "en": "Not enough data to assess: at least two years of data are needed.",
    },
    # maps
    "wwtp.operating": {
        "vi": "Có XLNT tập trung đang vận hành",
        "en": "Central treatment operating",
    },
    "wwtp.under_construction": {
        "vi": "XLNT tập trung đang xây dựng",
        "en": "Central treatment under construction",
    },
    "wwtp.none": {"vi": "Chưa có XLNT tập trung", "en": "No central treatment"},
    "wwtp.site_not_operating": {"vi": "KCN/CCN chưa hoạt động", "en": "Site not yet operating"},
    "map.year": {"vi": "Năm trên bản đồ", "en": "Year shown on the map"},
    "map.other_sector": {
        "vi": "Bản đồ này thuộc chỉ tiêu {label}, không nằm trong lĩnh vực “{sector}” đang chọn."
        " Chọn “Tất cả lĩnh vực” ở thanh bên để xem.",
        "en": "This map belongs to indicator {label}, outside the chosen sector “{sector}”."
        " Choose “All sectors” in the sidebar to see it.",
    },
    "map.basemap_off": {
        "vi": "Nền bản đồ đang tắt (TTX_BASEMAP=off): chỉ vẽ ranh giới huyện và các điểm.",
        "en": "Basemap off (TTX_BASEMAP=off): only district boundaries and points are drawn.",
    },
    "map.click_hint": {
        "vi": "Bấm vào một huyện (hoặc một điểm) để chọn huyện đó cho toàn bộ ứng dụng; nút ×"
        " trên bản đồ bỏ chọn. Rê chuột để xem chi tiết.",
        "en": "Click a district (or a point) to select that district across the app; the map's ×"
        " undoes it. Hover for details.",
    },
    "map.commune_detail": {
        "vi": "{kind} · mã {code}\nDân số: {population} người\nDiện tích: {area} km²"
        "\nHuyện theo Kế hoạch: {districts}",
        "en": "{kind} · code {code}\nPopulation: {population}\nArea: {area} km²"
        "\nPlan district(s): {districts}",
    },
    "map.commune_district": {
        "vi": "Huyện theo Kế hoạch (ranh giới năm 2022), không còn là cấp hành chính từ 1/7/2025",
        "en": "Plan district (2022 boundaries), no longer an administrative level from 1/7/2025",
    },
    "map.legend_communes": {
        "vi": "Màu điểm: huyện theo Kế hoạch",
        "en": "Point colour: plan district",
    },
    "map.legend_sites": {"vi": "Xử lý nước thải tập trung", "en": "Central wastewater treatment"},
    "map.legend_coverage": {
        "vi": "Màu huyện: tỷ lệ KCN/CCN đang hoạt động có XLNT tập trung",
        "en": "District shade: share of operating sites with central treatment",
    },
    "map.legend_size": {
        "vi": "Kích thước điểm theo diện tích; xám nhạt: huyện không có KCN/CCN hoạt động.",
        "en": "Point size follows area; light grey: district without operating sites.",
    },
    "map.legend_forest": {
        "vi": "Độ che phủ rừng (mục tiêu {target}%)",
        "en": "Forest cover (target {target}%)",
    },
    "map.legend_forest_note": {
        "vi": "Nâu: dưới {target}%; xanh: từ {target}% trở lên. {target}% là mục tiêu của toàn tỉnh,"
        " dùng làm mốc so sánh, không phải mục tiêu của từng huyện.",
        "en": "Brown: below {target}%; green: {target}% and above. {target}% is the whole province's"
        " target, a point of reference, not each district's target.",
    },
    "map.target": {"vi": "mục tiêu", "en": "target"},
    "map.gaps_heading": {
        "vi": "KCN/CCN đang hoạt động chưa có XLNT tập trung, năm {year}",
        "en": "Operating sites without central treatment, {year}",
    },
    "map.no_gaps": {
        "vi": "Không có KCN/CCN đang hoạt động nào thiếu XLNT tập trung trong phạm vi đã chọn.",
        "en": "No operating site lacks central treatment in the chosen area.",
    },
    "map.sites_intro": {
        "vi": "Mục tiêu 7: 100% KCN, CCN đi vào hoạt động có hệ thống xử lý nước thải tập trung."
        " Tên, diện tích và huyện của KCN theo nguồn đã dẫn; CCN và mọi tọa độ là minh họa.",
        "en": "Target 7: every operating industrial park (KCN) and cluster (CCN) has central wastewater"
        " treatment. KCN names, areas and districts follow the cited sources; CCN and every point"
        " location are illustrative.",
    },
    "map.forest_intro": {
        "vi": "Mục tiêu 5: độ che phủ rừng {cover} và {certified} rừng có chứng chỉ quản lý rừng bền"
        " vững."
        " Số liệu chính thức: toàn tỉnh 2020 và 2023; Sơn Động, Yên Thế, Lục Ngạn, Hiệp Hòa năm 2020;"
        " còn lại là minh họa.",
        "en": "Target 5: forest cover {cover} and {certified} of forest with a sustainable-management"
        " certificate. Official figures: the province in 2020 and 2023; Sơn Động, Yên Thế, Lục Ngạn and"
        " Hiệp Hòa in 2020; the rest is illustrative.",
    },
    "map.forest_table": {"vi": "Rừng theo huyện, năm {year}", "en": "Forest by district, {year}"},
    "map.site_detail": {
        "vi": "{kind} · {district}\nDiện tích: {area} ha · Lấp đầy: {occupancy}%\n"
        "Công suất XLNT: {capacity} m³/ngày\n[{symbol}] {status} ({year})\n"
        "Số liệu: {provenance}; vị trí điểm: minh họa",
        "en": "{kind} · {district}\nArea: {area} ha · Occupancy: {occupancy}%\n"
        "Treatment capacity: {capacity} m³/day\n[{symbol}] {status} ({year})\n"
        "Data: {provenance}; point location: illustrative",
    },
    "map.coverage_text": {
        "vi": "KCN/CCN đang hoạt động có XLNT tập trung: {pct}% ({done}/{total})",
        "en": "Operating sites with central treatment: {pct}% ({done}/{total})",
    },
    "map.district_ended": {
        "vi": "Không có số liệu năm {year}: huyện không còn là đơn vị hành chính\n{history}",
        "en": "No figure for {year}: the district no longer existed\n{history}",
    },
    "map.coverage_none": {"vi": "Không có KCN/CCN đang hoạt động", "en": "No operating site"},
    "map.forest_text": {
        "vi": "Che phủ rừng: {cover}% (mục tiêu {target}%)\nThay đổi từ 2020: {change} điểm %\n"
        "Rừng có chứng chỉ QLRBV: {certified} ha\nSố liệu che phủ: {provenance}",
        "en": "Forest cover: {cover}% (target {target}%)\nChange since 2020: {change} pp\n"
        "Certified forest: {certified} ha\nCover figure: {provenance}",
    },
    # meeting sequence (presenter mode and the meeting brief)
    "chart.group_economy": {"vi": "1-6 Kinh tế", "en": "1-6 Economy"},
    "chart.group_lifestyle": {"vi": "7-12 Lối sống", "en": "7-12 Lifestyles"},
    "chart.group_transition": {"vi": "13-15 Chuyển đổi", "en": "13-15 Transition"},
    "chart.group": {"vi": "Nhóm mục tiêu", "en": "Target group"},
    "chart.indicators": {"vi": "Số chỉ tiêu", "en": "Indicators"},
    "chart.off_track_share": {
        "vi": "Tỷ lệ chỉ tiêu chậm tiến độ (%)",
        "en": "Share of indicators off track (%)",
    },
    "chart.off_track_of_assessed": {
        "vi": "Chậm tiến độ / được đánh giá",
        "en": "Off track / assessed",
    },
    "meeting.title": {
        "vi": "Tiến độ Kế hoạch hành động tăng trưởng xanh tỉnh Bắc Giang 2021-2030",
        "en": "Progress of Bắc Giang's Green Growth Action Plan 2021-2030",
    },
    "meeting.subtitle": {
        "vi": "Báo cáo Ban Chỉ đạo tăng trưởng xanh tỉnh",
        "en": "Report to the provincial Green Growth Steering Committee",
    },
    "meeting.snapshot": {"vi": "Ảnh chụp dữ liệu: {name}", "en": "Data snapshot: {name}"},
    "meeting.plan_source": {
        "vi": "Kế hoạch hành động tăng trưởng xanh tỉnh Bắc Giang giai đoạn 2021-2030 (mục II.3:"
        " 15 mục tiêu đến 2030; mục III: nhiệm vụ và cơ quan chủ trì).",
        "en": "Bắc Giang Green Growth Action Plan 2021-2030 (section II.3: 15 targets for 2030;"
        " section III: tasks and lead agencies).",
    },
    "meeting.overview_title": {
        "vi": "Tình trạng các mục tiêu 2030",
        "en": "Status of the 2030 targets",
    },
    "meeting.district_rows": {
        "vi": "{districts}: mỗi huyện một dòng; chỉ tiêu không theo huyện: toàn tỉnh",
        "en": "{districts}: a row per district; indicators not by district: the province",
    },
    "meeting.overview_good": {
        "vi": "{good}/{total} chỉ tiêu đã đạt hoặc đúng tiến độ",
        "en": "{good} of {total} indicators achieved or on track",
    },
    "meeting.overview_off": {
        "vi": "{off}/{total} chỉ tiêu chậm tiến độ (cần tăng tốc, tiến bộ hạn chế, đi xa mục tiêu,"
        " chưa bắt đầu)",
        "en": "{off} of {total} indicators off track (acceleration needed, limited progress,"
        " moving away from target, not started)",
    },
    "meeting.overview_good_rows": {
        "vi": "{good}/{total} dòng (chỉ tiêu tại một địa bàn) đã đạt hoặc đúng tiến độ",
        "en": "{good} of {total} rows (an indicator in one area) achieved or on track",
    },
    "meeting.overview_off_rows": {
        "vi": "{off}/{total} dòng chậm tiến độ (cần tăng tốc, tiến bộ hạn chế, đi xa mục tiêu,"
        " chưa bắt đầu)",
        "en": "{off} of {total} rows off track (acceleration needed, limited progress, moving away"
        " from target, not started)",
    },
    "meeting.steps_done": {"vi": "{done}/{total} bước xong", "en": "{done} of {total} steps done"},
    "meeting.no_lead": {"vi": "Kế hoạch chưa giao", "en": "Not assigned in the plan"},
    "agency.now": {"vi": "nay: {now}", "en": "now: {now}"},
    "agency.now_unverified": {
        "vi": "nay: {now}, chưa xác minh",
        "en": "now: {now}, unverified",
    },
    "agency.plan": {"vi": "KH: {plan}", "en": "plan: {plan}"},
    "agency.plan_unverified": {
        "vi": "KH: {plan}; chưa xác minh",
        "en": "plan: {plan}; unverified",
    },
    "meeting.sites_title": {
        "vi": "Xử lý nước thải tập trung tại KCN, CCN ({year})",
        "en": "Central wastewater treatment in KCN and CCN ({year})",
    },
    "meeting.sites_share": {
        "vi": "{pct}% KCN/CCN đang hoạt động có XLNT tập trung ({done}/{total}, năm {year});"
        " mục tiêu 2030: 100%",
        "en": "{pct}% of operating sites have central treatment ({done} of {total}, {year});"
        " 2030 target: 100%",
    },
    "meeting.sites_locations": {
        "vi": "Vị trí điểm trên bản đồ là minh họa, nằm trong huyện của KCN/CCN.",
        "en": "Point locations are illustrative, inside the site's district.",
    },
    "meeting.forest_title": {
        "vi": "Độ che phủ rừng theo huyện ({year})",
        "en": "Forest cover by district ({year})",
    },
    "meeting.forest_reaching": {
        "vi": "{n}/{total} huyện đạt độ che phủ từ {target}% (mục tiêu toàn tỉnh 2030)",
        "en": "{n} of {total} districts at {target}% cover or more (the province's 2030 target)",
    },
    "meeting.off_track_title": {
        "vi": "Chỉ tiêu chậm tiến độ",
        "en": "Off-track indicators",
    },
    "meeting.off_track_none": {
        "vi": "Không có chỉ tiêu nào chậm tiến độ trong phạm vi đã chọn.",
        "en": "No indicator is off track in the chosen scope.",
    },
    "meeting.off_track_subtitle": {
        "vi": "{n} chỉ tiêu, xếp từ đáng lo nhất; cơ quan chủ trì hôm nay (KH: cơ quan Kế hoạch"
        " giao)",
        "en": "{n} indicators, most worrying first; lead agency today (the plan's in brackets)",
    },
    "meeting.lead": {"vi": "Cơ quan chủ trì", "en": "Lead agency"},
    "meeting.lagging_title": {
        "vi": "Các huyện chậm tiến độ nhiều nhất",
        "en": "Districts lagging most",
    },
    "meeting.lagging_method": {
        "vi": "Xếp theo tỷ lệ chỉ tiêu chậm tiến độ trong số chỉ tiêu được đánh giá theo huyện.",
        "en": "Ranked by the share of district-assessed indicators that are off track.",
    },
    "meeting.lagging_row": {
        "vi": "{name}: {off}/{assessed} chỉ tiêu chậm tiến độ ({labels})",
        "en": "{name}: {off} of {assessed} indicators off track ({labels})",
    },
    "meeting.illustrative_note": {
        "vi": "{count} giá trị trên trang này là minh họa do TTX Bắc Giang tạo để thử bảng theo dõi,"
        " không phải số liệu thống kê.",
        "en": "{count} values on this slide are illustrative, generated by TTX Bắc Giang to exercise"
        " the dashboard; they are not statistics.",
    },
    "meeting.illustrative_statuses": {
        "vi": "Tình trạng của {count} chỉ tiêu dựa trên giá trị minh họa do TTX Bắc Giang tạo để thử"
        " bảng theo dõi, không phải số liệu thống kê.",
        "en": "The status of {count} indicators rests on illustrative values generated by TTX Bắc"
        " Giang to exercise the dashboard; they are not statistics.",
    },
    "meeting.deck_illustrative": {
        "vi": "Bản tin có dữ liệu minh họa (đánh dấu ⚠ trên từng trang): không phải số liệu chính"
        " thức. Nguồn của từng số liệu ghi trong phần ghi chú của trang.",
        "en": "This brief contains illustrative data (marked ⚠ on each slide): not official"
        " figures. Each slide's notes give the sources of its figures.",
    },
    "meeting.illustrative_marker": {
        "vi": "CÓ DỮ LIỆU MINH HỌA",
        "en": "ILLUSTRATIVE DATA",
    },
    "meeting.slide_no": {"vi": "Trang {n}/{total}", "en": "Slide {n} of {total}"},
    "meeting.sources": {"vi": "Nguồn", "en": "Sources"},
    "meeting.status_method": {
        "vi": "Tình trạng theo phương pháp của TTX Bắc Giang (trang Phương pháp): so tốc độ đạt"
        " được từ năm gốc với tốc độ cần có để đạt mục tiêu 2030.",
        "en": "Status by TTX Bắc Giang's method (Methodology page): the pace achieved since the"
        " baseline against the pace needed to reach the 2030 target.",
    },
    "meeting.reporting_title": {
        "vi": "Tình hình báo cáo kỳ {period}",
        "en": "Reporting status, period {period}",
    },
    "meeting.reporting_subtitle": {
        "vi": "Hạn nộp {deadline} · tình hình đến ngày {on} · cơ quan chưa nộp đủ xếp trước",
        "en": "Deadline {deadline} · as of {on} · agencies not reported in full first",
    },
    "meeting.reporting_headline": {
        "vi": "{n}/{total} cơ quan chưa nộp đủ báo cáo kỳ {period} (hạn {deadline})",
        "en": "{n} of {total} agencies have not reported period {period} in full"
        " (deadline {deadline})",
    },
    "meeting.reporting_all_in": {
        "vi": "Cả {total} cơ quan đã nộp đủ báo cáo kỳ {period} (hạn {deadline})",
        "en": "All {total} agencies have reported period {period} in full (deadline {deadline})",
    },
    "meeting.reporting_totals": {
        "vi": "Đã nhận {received}/{expected} báo cáo: {accepted} đã chấp nhận, {returned} bị trả"
        " lại, {pending} chờ thẩm định; {missing} chưa nộp, trong đó {overdue} quá hạn",
        "en": "{received} of {expected} reports received: {accepted} accepted, {returned}"
        " returned, {pending} waiting for review; {missing} missing, {overdue} of them overdue",
    },
    "meeting.reporting_today": {
        "vi": "Tình hình báo cáo tính đến hôm nay, không theo ảnh chụp dữ liệu «{name}».",
        "en": "The reporting status is today's, not that of the data snapshot «{name}».",
    },
    "meeting.reporting_unfiltered": {
        "vi": "Tính mọi báo cáo theo chế độ báo cáo, không theo bộ lọc địa bàn, lĩnh vực.",
        "en": "Counts every report of the reporting regime, whatever the area and sector filters.",
    },
    "meeting.reporting_unavailable": {
        "vi": "Chưa đọc được cơ sở dữ liệu báo cáo nên chưa có tình hình báo cáo kỳ {period}."
        " Xem trang Tình hình nộp báo cáo khi kết nối lại.",
        "en": "The reporting database could not be read, so the reporting status of period"
        " {period} is not shown. See the Reporting completeness page once it is back.",
    },
    "meeting.reporting_source": {
        "vi": "Hồ sơ nộp và kết quả thẩm định lưu trong cơ sở dữ liệu của TTX Bắc Giang (trang"
        " Tình hình nộp báo cáo). Một báo cáo là số liệu của một chỉ tiêu ở một cấp (tỉnh, huyện hoặc"
        " xã) trong kỳ, theo chế độ báo cáo (data/reporting_regime.csv); đúng hạn hay muộn tính"
        " theo ngày nhận lần đầu, giờ Việt Nam.",
        "en": "Submissions and review decisions kept in TTX Bắc Giang's database (Reporting"
        " completeness page). A report is one indicator's figure at one level (province, district or commune)"
        " for the period, as the reporting regime asks (data/reporting_regime.csv); on time or"
        " late by the day it was first received, in Vietnam.",
    },
    "meeting.tasks_title": {
        "vi": "Nhiệm vụ quá hạn theo cơ quan",
        "en": "Overdue tasks by agency",
    },
    "meeting.tasks_subtitle": {
        "vi": "Đến ngày {on}, theo báo cáo mới nhất của cơ quan chủ trì",
        "en": "As of {on}, from the lead agencies' latest reports",
    },
    "meeting.tasks_headline": {
        "vi": "{overdue}/{total} nhiệm vụ quá hạn; {completed} đã hoàn thành ({late} quá hạn),"
        " {in_progress} đang thực hiện trong hạn, {not_reported} chưa có báo cáo",
        "en": "{overdue} of {total} tasks overdue; {completed} completed ({late} late),"
        " {in_progress} in progress within the deadline, {not_reported} not reported",
    },
    "meeting.tasks_none_reported": {
        "vi": "Chưa có báo cáo nào về tình hình thực hiện nhiệm vụ: cả {total} nhiệm vụ chưa có"
        " báo cáo",
        "en": "No task report has been published yet: all {total} tasks are not reported",
    },
    "meeting.tasks_none_next": {
        "vi": "Các cơ quan chủ trì báo cáo tình hình thực hiện nhiệm vụ qua kỳ báo cáo; khi báo cáo"
        " được công bố, trang này liệt kê nhiệm vụ quá hạn theo cơ quan.",
        "en": "Lead agencies report on their tasks through the reporting cycle; once reports are"
        " published, this slide lists the overdue tasks by agency.",
    },
    "meeting.tasks_duties_overdue": {
        "vi": "{n}/{total} mốc tổ chức thực hiện (mục IV) quá hạn",
        "en": "{n} of {total} dated duties of section IV overdue",
    },
    "meeting.tasks_none_overdue": {
        "vi": "Không có nhiệm vụ nào quá hạn.",
        "en": "No task is overdue.",
    },
    "meeting.tasks_illustrative": {
        "vi": "⚠ {count} nhiệm vụ được phân loại theo báo cáo minh họa do TTX Bắc Giang tạo để thử,"
        " không phải báo cáo thật.",
        "en": "⚠ {count} tasks are classified from illustrative reports made by TTX Bắc Giang for"
        " testing, not real reports.",
    },
    "meeting.tasks_unfiltered": {
        "vi": "Tính mọi nhiệm vụ của Kế hoạch, không theo bộ lọc địa bàn, lĩnh vực.",
        "en": "Counts every task of the plan, whatever the area and sector filters.",
    },
    "meeting.tasks_snapshot": {
        "vi": "Báo cáo nhiệm vụ theo ảnh chụp dữ liệu «{name}»; quá hạn tính đến ngày {on}.",
        "en": "Task reports as in the data snapshot «{name}»; overdue as of {on}.",
    },
    "meeting.tasks_agency_one": {
        "vi": "1 nhiệm vụ quá hạn, {days} ngày",
        "en": "1 overdue, by {days} days",
    },
    "meeting.tasks_agency_many": {
        "vi": "{n} nhiệm vụ quá hạn, lâu nhất {days} ngày",
        "en": "{n} overdue, the longest by {days} days",
    },
    "meeting.tasks_continued": {"vi": "(tiếp)", "en": "(continued)"},
    "meeting.tasks_col_number": {"vi": "Số", "en": "No."},
    "meeting.tasks_col_task": {"vi": "Nhiệm vụ", "en": "Task"},
    "meeting.tasks_col_deadline": {"vi": "Hạn", "en": "Deadline"},
    "meeting.tasks_col_days": {"vi": "Quá hạn", "en": "Overdue"},
    "meeting.tasks_col_report": {
        "vi": "Khó khăn, đề xuất (báo cáo gần nhất)",
        "en": "Obstacles, proposals (latest report)",
    },
    "meeting.tasks_days": {"vi": "{days} ngày", "en": "{days} days"},
    "meeting.tasks_obstacles": {"vi": "Khó khăn: {text}", "en": "Obstacles: {text}"},
    "meeting.tasks_proposals": {"vi": "Đề xuất: {text}", "en": "Proposals: {text}"},
    "meeting.tasks_progress": {"vi": "Tiến độ: {text}", "en": "Progress: {text}"},
    "meeting.tasks_no_report": {"vi": "Chưa có báo cáo", "en": "No report"},
    "meeting.tasks_source": {
        "vi": "Báo cáo tình hình thực hiện nhiệm vụ của các cơ quan chủ trì, đã thẩm định và công"
        " bố (bộ dữ liệu task_reports); nhiệm vụ theo mục III, mốc theo mục IV của Kế hoạch.",
        "en": "The lead agencies' reports on their tasks, reviewed and published (dataset"
        " task_reports); tasks as section III of the plan lists them, duties as section IV.",
    },
    "meeting.tasks_method": {
        "vi": "Phân loại: đã hoàn thành thì đúng hạn hay quá hạn theo ngày hoàn thành; chưa hoàn"
        " thành thì đang thực hiện trong hạn đến hết ngày hạn, quá hạn sau đó; chưa có báo cáo thì"
        " quá hạn khi đã qua hạn. Hạn theo báo cáo của cơ quan, nếu không có thì 31/12 của năm Kế"
        " hoạch nêu, nếu không nữa thì hết kỳ Kế hoạch (31/12/2030). Nhiệm vụ giao cho cơ quan"
        " nay không còn được ghi cho cơ quan đảm nhận hôm nay, tên trong Kế hoạch trong ngoặc;"
        " cơ quan có nhiều nhiệm vụ quá hạn nhất xếp trước, rồi quá hạn lâu nhất.",
        "en": "Classification: a completed task is on time or late by its completion day; one not"
        " completed is in progress within the deadline to the end of its deadline day, overdue"
        " after; one without a report is overdue once its deadline has passed. The deadline is the"
        " agency's, else 31 Dec of the year the plan sets, else the plan's end (31 Dec 2030)."
        " Tasks of agencies that no longer exist stand under today's agency, the plan's named in"
        " brackets; the agencies with the most overdue tasks come first, then the longest overdue.",
    },
    # snapshots, what changed, whole-dataset export
    "page.snapshots": {"vi": "Ảnh chụp & xuất dữ liệu", "en": "Snapshots & data export"},
    "nav.section.meeting": {"vi": "Họp Ban Chỉ đạo", "en": "Steering committee"},
    "page.present": {"vi": "Trình chiếu", "en": "Presenter mode"},
    "snapshot.filter": {"vi": "Dữ liệu", "en": "Data"},
    "snapshot.filter_help": {
        "vi": "Xem mọi trang theo dữ liệu hiện tại, hoặc như tại một ảnh chụp (số liệu của một"
        " phiên họp, không đổi khi có số liệu mới).",
        "en": "See every page with the current data, or as of a snapshot (the figures of one"
        " meeting, unchanged when new data arrive).",
    },
    "snapshot.current": {"vi": "Dữ liệu hiện tại", "en": "Current data"},
    "source.preview": {
        "vi": "Bản xem trước hồ sơ nộp {id}",
        "en": "Preview of submission {id}",
    },
    "snapshot.option": {"vi": "Ảnh chụp: {name} ({date})", "en": "Snapshot: {name} ({date})"},
    "snapshot.viewing": {
        "vi": "Đang xem ảnh chụp dữ liệu **{name}** (chụp ngày {taken}; dữ liệu thay đổi lần cuối ngày {as_of})."
        " Số liệu mới hơn không hiện ở đây; chọn «Dữ liệu hiện tại» ở thanh bên để xem.",
        "en": "Viewing the data snapshot **{name}** (taken {taken}; data last changed {as_of})."
        " Newer figures are not shown; choose “Current data” in the sidebar to see them.",
    },
    "snapshot.heading": {
        "vi": "Ảnh chụp dữ liệu và xuất dữ liệu",
        "en": "Data snapshots and export",
    },
    "snapshot.intro": {
        "vi": "Ảnh chụp giữ nguyên số liệu của một phiên họp Ban Chỉ đạo: khi số liệu mới về, trang"
        " và bản tin xem theo ảnh chụp vẫn là số liệu đã bàn. Ảnh chụp không sửa, không ghi đè được.",
        "en": "A snapshot keeps the figures of one steering-committee meeting: when new data"
        " arrive, pages and briefs viewed as of the snapshot still show the figures discussed."
        " Snapshots cannot be edited or overwritten.",
    },
    "snapshot.take": {"vi": "Chụp dữ liệu hiện tại", "en": "Take a snapshot of the current data"},
    "snapshot.name": {"vi": "Tên ảnh chụp", "en": "Snapshot name"},
    "snapshot.name_placeholder": {
        "vi": "Phiên họp BCĐ tháng 11/2026",
        "en": "Steering committee, November 2026",
    },
    "snapshot.take_button": {"vi": "Chụp", "en": "Take snapshot"},
    "snapshot.taken": {
        "vi": "Đã chụp «{name}» (mã `{id}`). Liên kết xem theo ảnh chụp: `?snapshot={id}`",
        "en": "Took “{name}” (id `{id}`). Link to view as of it: `?snapshot={id}`",
    },
    "snapshot.list": {"vi": "Các ảnh chụp", "en": "Snapshots"},
    "snapshot.problems": {
        "vi": "Một số ảnh chụp không dùng được và được bỏ qua:",
        "en": "Some snapshots cannot be used and are left out:",
    },
    "error.known": {
        "vi": "Không hiển thị được phần này. {message}",
        "en": "This part cannot be shown. {message}",
    },
    "error.unexpected": {
        "vi": "Trang này gặp lỗi không mong muốn (mã sự cố {incident}); chi tiết đã được ghi vào"
        " nhật ký máy chủ. Hãy tải lại trang; nếu vẫn lỗi, báo quản trị viên kèm mã sự cố.",
        "en": "This page hit an unexpected error (incident {incident}); the details are in the"
        " server log. Reload the page; if it persists, tell the administrator the incident code.",
    },
    "snapshot.none": {
        "vi": "Chưa có ảnh chụp nào. Đặt tên và bấm «Chụp» để giữ số liệu của phiên họp.",
        "en": "No snapshot yet. Name one and press “Take snapshot” to keep a meeting's figures.",
    },
    "snapshot.col.name": {"vi": "Tên", "en": "Name"},
    "snapshot.col.id": {"vi": "Mã", "en": "Id"},
    "snapshot.col.taken": {"vi": "Chụp lúc", "en": "Taken"},
    "snapshot.col.as_of": {"vi": "Dữ liệu thay đổi lần cuối", "en": "Data last changed"},
    "snapshot.col.link": {"vi": "Xem theo ảnh chụp", "en": "View as of it"},
    "snapshot.changes": {"vi": "Những gì đã thay đổi", "en": "What changed"},
    "snapshot.since": {"vi": "Kể từ ảnh chụp", "en": "Since snapshot"},
    "snapshot.changes_intro": {
        "vi": "So ảnh chụp «{name}» với dữ liệu hiện tại: tình trạng chỉ tiêu thay đổi, giá trị được"
        " sửa, số liệu mới và số liệu bị bỏ.",
        "en": "The snapshot “{name}” against the current data: status changes, revised values,"
        " new data and removed data.",
    },
    "snapshot.nothing": {
        "vi": "Không có gì thay đổi: dữ liệu hiện tại giống hệt ảnh chụp.",
        "en": "Nothing changed: the current data equal the snapshot.",
    },
    "snapshot.status_changes": {"vi": "Tình trạng thay đổi ({n})", "en": "Status changes ({n})"},
    "snapshot.revised": {"vi": "Giá trị được sửa ({n})", "en": "Revised values ({n})"},
    "snapshot.added": {"vi": "Số liệu mới ({n})", "en": "New data ({n})"},
    "snapshot.removed": {"vi": "Số liệu bị bỏ ({n})", "en": "Removed data ({n})"},
    "snapshot.col.dataset": {"vi": "Bảng", "en": "Table"},
    "snapshot.col.row": {"vi": "Dòng", "en": "Row"},
    "snapshot.col.column": {"vi": "Cột", "en": "Column"},
    "snapshot.col.old": {"vi": "Trước", "en": "Before"},
    "snapshot.col.new": {"vi": "Nay", "en": "Now"},
    "snapshot.col.status_old": {"vi": "Tình trạng trước", "en": "Status before"},
    "snapshot.col.status_new": {"vi": "Tình trạng nay", "en": "Status now"},
    "snapshot.col.latest_old": {"vi": "Giá trị mới nhất trước", "en": "Latest value before"},
    "snapshot.col.latest_new": {"vi": "Giá trị mới nhất nay", "en": "Latest value now"},
    "export.heading": {
        "vi": "Xuất toàn bộ dữ liệu (.xlsx)",
        "en": "Export the whole dataset (.xlsx)",
    },
    "export.intro": {
        "vi": "Một tệp Excel, mỗi bảng một trang tính: danh mục chỉ tiêu, số liệu kèm nguồn gốc,"
        " KCN/CCN, rừng.",
        "en": "One Excel file with a sheet per table: indicator catalog, observations with"
        " provenance, KCN/CCN sites, forest.",
    },
    "export.scope": {"vi": "Phạm vi", "en": "Scope"},
    "export.filtered": {"vi": "Theo bộ lọc hiện tại ({scope})", "en": "Current filters ({scope})"},
    "export.everything": {"vi": "Toàn bộ dữ liệu", "en": "Everything"},
    "export.button": {"vi": "Tải tệp Excel", "en": "Download the Excel file"},
    "brief.heading": {"vi": "Bản tin cuộc họp", "en": "Meeting brief"},
    "brief.intro": {
        "vi": "Cùng trình tự với chế độ trình chiếu, theo bộ lọc, ngôn ngữ và dữ liệu đang chọn;"
        " biểu đồ và bản đồ là hình ảnh, nguồn ở phần ghi chú.",
        "en": "The same sequence as presenter mode, for the chosen filters, language and data;"
        " charts and maps as pictures, sources in the notes.",
    },
    "brief.pptx": {"vi": "Tải bản tin (PowerPoint)", "en": "Download the brief (PowerPoint)"},
    "brief.pdf": {"vi": "Tải bản tin (PDF)", "en": "Download the brief (PDF)"},
    "brief.no_pdf": {
        "vi": "Máy chủ chưa cài LibreOffice nên chưa tạo được PDF; hãy tải PowerPoint rồi xuất PDF.",
        "en": "LibreOffice is not installed on the server, so no PDF; download the PowerPoint and"
        " export it to PDF.",
    },
    "present.previous": {"vi": "Trước", "en": "Previous"},
    "present.next": {"vi": "Tiếp", "en": "Next"},
    "present.exit": {"vi": "Thoát trình chiếu", "en": "Leave presenter mode"},
    "present.keys": {
        "vi": "Phím ← → để chuyển trang",
        "en": "Keys ← → move between slides",
    },
    "present.open": {"vi": "Mở chế độ trình chiếu", "en": "Open presenter mode"},
    # the whole-dataset workbook's about sheet
    "workbook.title": {
        "vi": "TTX Bắc Giang: dữ liệu theo dõi Kế hoạch hành động tăng trưởng xanh tỉnh Bắc Giang",
        "en": "TTX Bắc Giang: data monitoring Bắc Giang's Green Growth Action Plan",
    },
    "workbook.as_of": {"vi": "Thời điểm số liệu", "en": "Data currency"},
    "workbook.label": {"vi": "Bản dữ liệu", "en": "Data snapshot"},
    "workbook.filters": {"vi": "Bộ lọc", "en": "Filters"},
    "workbook.everything": {"vi": "toàn bộ dữ liệu", "en": "everything"},
    "workbook.with_province": {"vi": "(kèm số liệu toàn tỉnh)", "en": "(plus whole-province rows)"},
    "workbook.illustrative": {"vi": "Số liệu minh họa", "en": "Illustrative data"},
    "workbook.illustrative_sentence": {
        "vi": "Giá trị có nguồn gốc số liệu «minh họa» do TTX Bắc Giang tạo ra để minh họa cách theo dõi, không phải số liệu chính thức.",
        "en": "Values with provenance “illustrative” are invented by TTX Bắc Giang for demonstration and are not official figures.",
    },
    "workbook.illustrative_rows": {
        "vi": "Số dòng có giá trị minh họa",
        "en": "Rows with illustrative values",
    },
    "workbook.sheet": {"vi": "Trang tính", "en": "Sheet"},
    "workbook.rows": {"vi": "Số dòng", "en": "Rows"},
    # static map pictures (meeting brief, presenter mode)
    "map_image.sites_caption": {
        "vi": "KCN, CCN và xử lý nước thải tập trung, năm {year}",
        "en": "Industrial parks, clusters and central wastewater treatment, {year}",
    },
    "map_image.sites_locations": {
        "vi": "Vị trí các điểm là minh họa (đặt trong ranh giới huyện), không phải tọa độ thực.",
        "en": "Point locations are illustrative (placed inside the district), not surveyed.",
    },
    "map_image.sites_illustrative": {
        "vi": "Trạng thái XLNT: {count}/{total} điểm là số liệu minh họa.",
        "en": "Treatment status: {count} of {total} sites are illustrative values.",
    },
    "map_image.size_ha": {"vi": "{area} ha", "en": "{area} ha"},
    "map_image.forest_marked": {
        "vi": "* Số liệu minh họa, không phải số liệu chính thức.",
        "en": "* Illustrative value, not an official figure.",
    },
    "map_image.forest_unmarked": {"vi": "Không có dấu *: {kinds}.", "en": "Without *: {kinds}."},
    "map_image.no_data": {"vi": "Chưa có số liệu", "en": "No data"},
    # about
    "about.sources": {"vi": "Nguồn số liệu đã dùng", "en": "Sources used"},
    "about.sources_intro": {
        "vi": "Các nguồn công bố mà số liệu chính thức, được báo cáo hoặc ước tính trong bộ dữ liệu dẫn"
        " ra. Mọi giá trị khác là minh họa.",
        "en": "Published sources cited by the official, reported or estimated values in the dataset."
        " Every other value is illustrative.",
    },
    "about.col.source_title": {"vi": "Nguồn", "en": "Source"},
    "about.col.source_url": {"vi": "Đường dẫn", "en": "Link"},
    "about.col.provenances": {"vi": "Nguồn gốc", "en": "Provenance"},
    "about.col.values_cited": {"vi": "Số giá trị", "en": "Values"},
    "about.attribution": {"vi": "Ghi công dữ liệu bản đồ", "en": "Map data attribution"},
    "about.licence": {
        "vi": "Mã nguồn TTX Bắc Giang là mã nguồn mở. Ranh giới là lớp tham chiếu, không phải ranh giới"
        " pháp lý; việc sử dụng không hàm ý OCHA hay Chính phủ Việt Nam xác nhận bảng theo dõi này.",
        "en": "TTX Bắc Giang is open source. Boundaries are a reference layer, not legal boundaries;"
        " their use does not imply that OCHA or the Government of Viet Nam endorses this dashboard.",
    },
    # places over time (ttx_data.places)
    "places.split_rule": {
        "vi": "Ba phường mới gồm đơn vị cũ của hai huyện theo kế hoạch (ranh giới năm 2022): phường"
        " Đa Mai (4 đơn vị của TP Bắc Giang, xã Quế Nham của Tân Yên), phường Tiền Phong (2 của TP"
        " Bắc Giang, 2 của Yên Dũng) và phường Tân Tiến (1 của TP Bắc Giang, 2 của Yên Dũng). Không"
        " có dân số của các đơn vị cũ, nên số liệu của các phường này được chia cho từng huyện theo"
        " số đơn vị cũ (Đa Mai 4/5 và 1/5, Tiền Phong 1/2 và 1/2, Tân Tiến 1/3 và 2/3).",
        "en": "Three new wards combine former units of two plan districts (2022 boundaries): Đa Mai"
        " (4 units of Bắc Giang city, Quế Nham commune of Tân Yên), Tiền Phong (2 of Bắc Giang city,"
        " 2 of Yên Dũng) and Tân Tiến (1 of Bắc Giang city, 2 of Yên Dũng). The former units'"
        " population is not available, so these wards' figures are split between districts by the"
        " number of former units (Đa Mai 4/5 and 1/5, Tiền Phong 1/2 and 1/2, Tân Tiến 1/3 and 2/3).",
    },
    "places.rollup.sum": {
        "vi": "Tổng của {count} xã, phường (từ 1/7/2025) thuộc địa bàn huyện theo kế hoạch",
        "en": "Sum of {count} communes and wards (from 1/7/2025) within the plan district",
    },
    "places.rollup.weighted_population": {
        "vi": "Bình quân gia quyền theo dân số của {count} xã, phường (từ 1/7/2025)",
        "en": "Population-weighted average of {count} communes and wards (from 1/7/2025)",
    },
    "places.rollup.weighted_area": {
        "vi": "Bình quân gia quyền theo diện tích của {count} xã, phường (từ 1/7/2025)",
        "en": "Area-weighted average of {count} communes and wards (from 1/7/2025)",
    },
    "places.rollup.province_sum": {
        "vi": "Tổng của {count} xã, phường (từ 1/7/2025) trên địa bàn tỉnh Bắc Giang cũ",
        "en": "Sum of {count} communes and wards (from 1/7/2025) in the former Bắc Giang province",
    },
    "places.rollup.province_weighted_population": {
        "vi": "Bình quân gia quyền theo dân số của {count} xã, phường (từ 1/7/2025) trên địa bàn"
        " tỉnh Bắc Giang cũ",
        "en": "Population-weighted average of {count} communes and wards (from 1/7/2025) in the"
        " former Bắc Giang province",
    },
    "places.rollup.province_weighted_area": {
        "vi": "Bình quân gia quyền theo diện tích của {count} xã, phường (từ 1/7/2025) trên địa bàn"
        " tỉnh Bắc Giang cũ",
        "en": "Area-weighted average of {count} communes and wards (from 1/7/2025) in the former"
        " Bắc Giang province",
    },
    "places.rollup.derived": {
        "vi": "Minh họa, tổng hợp từ {count} xã, phường theo bảng chuyển đổi sang 10 huyện của kế"
        " hoạch (địa giới 2022): {how}",
        "en": "Illustrative, rolled up from {count} communes and wards through the crosswalk to the"
        " plan's 10 districts (2022 boundaries): {how}",
    },
    "places.rollup.split": {
        "vi": "; gồm phần của {units} chia theo số đơn vị cũ",
        "en": "; includes the share of {units} split by the number of former units",
    },
    "places.rollup.incomplete": {
        "vi": "Không tổng hợp: thiếu số liệu của {missing} trong {count} xã, phường ({codes})",
        "en": "Not aggregated: {missing} of {count} communes and wards have no figure ({codes})",
    },
    "places.rollup.none": {
        "vi": "Chỉ tiêu này không tổng hợp từ xã, phường lên huyện (không có mẫu số khai báo)",
        "en": "This indicator is not rolled up from communes to districts (no declared denominator)",
    },
    "communes.intro": {
        "vi": "Từ 1/7/2025 không còn cấp huyện và tỉnh Bắc Giang hợp nhất vào tỉnh Bắc Ninh mới. Theo"
        " NQ 1658/NQ-UBTVQH15, địa bàn tỉnh Bắc Giang cũ có **58 đơn vị cấp xã** (45 xã, 13"
        " phường). Mỗi đơn vị cũ nhập trọn vào một đơn vị mới, nên mỗi xã, phường mới thuộc huyện"
        " của Kế hoạch (10 huyện năm 2022) mà các đơn vị cũ của nó thuộc về; số liệu từ 1/7/2025"
        " được tổng hợp lên 10 huyện đó. Chọn huyện ở thanh bên hoặc bấm vào bản đồ để lọc.",
        "en": "From 1/7/2025 there is no district level and Bắc Giang province merged into the new"
        " Bắc Ninh. Under NQ 1658/NQ-UBTVQH15 the former Bắc Giang territory has **58"
        " commune-level units** (45 communes, 13 wards). Each former unit joined one new unit"
        " whole, so each new commune or ward belongs to the plan district (the plan's 10 districts"
        " of 2022) its former units lay in; figures from 1/7/2025 are rolled up to those"
        " districts. Choose districts in the sidebar or click the map to filter.",
    },
    "communes.no_polygons": {
        "vi": "Điểm là vị trí gần đúng của trụ sở theo danh mục; chưa có ranh giới xã, phường mới,"
        " nên bản đồ vẽ ranh giới 10 huyện của Kế hoạch để định hướng.",
        "en": "Points are the register's approximate seat positions; no boundaries of the new"
        " communes are available, so the map draws the plan's 10 district boundaries for"
        " orientation.",
    },
    "communes.table": {
        "vi": "{count} xã, phường",
        "en": "{count} communes and wards",
    },
    "communes.source": {
        "vi": "Nguồn: Cục Thống kê / QĐ 19/2025/QĐ-TTg; NQ 1658/NQ-UBTVQH15. Diện tích, dân số:"
        " sapnhap.bando.com.vn.",
        "en": "Source: Cục Thống kê / QĐ 19/2025/QĐ-TTg; NQ 1658/NQ-UBTVQH15. Area, population:"
        " sapnhap.bando.com.vn.",
    },
    "places.history.until": {"vi": "đến {day}", "en": "until {day}"},
    "places.history.became_town": {
        "vi": "thị xã từ {day}, cùng địa giới",
        "en": "a town (thị xã) from {day}, same territory",
    },
    "places.history.merged_into": {
        "vi": "từ {day} thuộc TP {into}",
        "en": "from {day} part of {into} City",
    },
    "places.history.absorbed": {
        "vi": "từ {day} gồm cả huyện {other}",
        "en": "from {day} including {other} District",
    },
    "places.history.chu_split": {
        "vi": "từ {day} tách thị xã Chũ, nhận {area} km² của huyện {other}",
        "en": "from {day} without Chũ town (split off) and with {area} km² of {other}",
    },
    "places.history.gave_area": {
        "vi": "từ {day} chuyển {area} km² sang huyện {to}",
        "en": "from {day} without {area} km² moved to {to}",
    },
    "places.history.communes": {
        "vi": "từ {day} thuộc {count} xã, phường của tỉnh Bắc Ninh: {names}",
        "en": "from {day} within {count} communes and wards of Bắc Ninh province: {names}",
    },
    "places.history.changed_year": {
        "vi": "{year}: {name} {changes}; số liệu theo địa bàn huyện của Kế hoạch (địa giới 2022)",
        "en": "{year}: {name} {changes}; figures for the plan district's territory (2022"
        " boundaries)",
    },
    "places.history.ended_year": {
        "vi": "{year}: không còn huyện {name}; số liệu của địa bàn huyện cũ (địa giới 2022), tổng"
        " hợp từ xã, phường",
        "en": "{year}: {name} no longer existed; figures for its former territory (2022"
        " boundaries), rolled up from communes and wards",
    },
    "places.year.all_ended": {
        "vi": "{year}: không còn cấp huyện; số liệu theo địa bàn 10 huyện của Kế hoạch (địa giới"
        " 2022), tổng hợp từ xã, phường",
        "en": "{year}: there were no districts; figures for the plan's 10 district territories"
        " (2022 boundaries), rolled up from communes and wards",
    },
    "places.year.ended": {
        "vi": "không có số liệu của {name} ({history})",
        "en": "no figure for {name} ({history})",
    },
    "places.year.boundaries": {
        "vi": "{names} đổi địa giới từ {day}",
        "en": "{names} changed boundaries from {day}",
    },
    "places.year.level_ended": {
        "vi": "cấp huyện kết thúc {day}; số liệu theo địa giới 2022 của Kế hoạch",
        "en": "the district level ended on {day}; figures for the plan's 2022 boundaries",
    },
    "places.year.summary": {"vi": "Năm {year}: {parts}.", "en": "In {year}: {parts}."},
    "places.bad_date": {
        "vi": "ngày '{value}' không hợp lệ; ghi theo dạng YYYY-MM-DD, ví dụ 2025-07-01",
        "en": "date '{value}' is not valid; write it as YYYY-MM-DD, e.g. 2025-07-01",
    },
    # the plan's tasks: the tasks, agency and target pages, the overview's attention list
    "page.tasks": {"vi": "Nhiệm vụ", "en": "Tasks"},
    "page.agency": {"vi": "Theo cơ quan", "en": "By agency"},
    "page.target": {"vi": "Theo mục tiêu", "en": "By target"},
    "url.unknown_choice": {
        "vi": "Liên kết có {param}={value} không có trong danh sách chọn; đang hiển thị như chưa"
        " chọn.",
        "en": "The link's {param}={value} is not one of the choices; showing the page with none"
        " chosen.",
    },
    "tasks.intro": {
        "vi": "Mọi nhiệm vụ của Kế hoạch (mục III) và các việc có mốc thời gian của mục IV, với"
        " tình trạng tính đến ngày {day} theo cách phân loại trong báo cáo nhiệm vụ: **hoàn thành"
        " đúng hạn**, **hoàn thành quá hạn**, **đang thực hiện trong hạn**, **quá hạn** (và"
        " **chưa có báo cáo** khi chưa đến hạn). Tình trạng lấy từ báo cáo mới nhất đã công bố"
        " của cơ quan chủ trì; hạn là hạn cơ quan đó báo cáo, nếu không có thì năm Kế hoạch đặt,"
        " nếu không có nữa thì hết kỳ Kế hoạch. Các lựa chọn lọc nằm trong địa chỉ trang: sao"
        " chép liên kết để chia sẻ đúng danh sách này.",
        "en": "Every task of the plan (section III) and the dated duties of section IV, with"
        " where each stands on {day} in the classification of government task reports:"
        " **completed on time**, **completed late**, **in progress within the deadline**,"
        " **overdue** (and **not reported** while the deadline has not passed). The status comes"
        " from the lead agency's latest published report; the deadline is the one that agency"
        " reported, else the year the plan sets, else the plan's end. The filters are kept in"
        " the page's address: copy the link to share this very list.",
    },
    "tasks.illustrative": {
        "vi": "Trang này có **báo cáo minh họa** ({count} báo cáo): do TTX Bắc Giang tạo ra để"
        " thể hiện cách theo dõi, **không phải báo cáo thật** của các cơ quan.",
        "en": "This page shows **illustrative reports** ({count} reports): made up by TTX Bắc"
        " Giang to demonstrate monitoring, **not real reports** of the agencies.",
    },
    "tasks.province_only": {
        "vi": "Nhiệm vụ là của toàn tỉnh: bộ lọc huyện không áp dụng cho trang này.",
        "en": "The tasks are the whole province's: the district filter does not apply here.",
    },
    "tasks.filter.every": {"vi": "Tất cả", "en": "All"},
    "tasks.filter.group": {"vi": "Nhóm nhiệm vụ", "en": "Group of tasks"},
    "tasks.filter.agency": {"vi": "Cơ quan", "en": "Agency"},
    "tasks.filter.agency_help": {
        "vi": "Cơ quan hiện nay: nhiệm vụ cơ quan chủ trì hoặc phối hợp, kể cả nhiệm vụ Kế hoạch"
        " giao cho các cơ quan trước đây nay do cơ quan này đảm nhận. Cơ quan Kế hoạch nêu nay"
        " đã sáp nhập, giải thể: nhiệm vụ Kế hoạch đã giao cho cơ quan đó.",
        "en": "An agency of today: the tasks it leads or cooperates on, those the plan gave to"
        " agencies it took over included. One of the plan's agencies since merged or dissolved:"
        " the tasks the plan gave it.",
    },
    "tasks.filter.target": {"vi": "Mục tiêu", "en": "Target"},
    "tasks.filter.status": {"vi": "Tình trạng", "en": "Status"},
    "tasks.shown": {
        "vi": "Đang hiển thị {shown}/{total} nhiệm vụ, việc cần chú ý trước: quá hạn lâu nhất"
        " trước.",
        "en": "Showing {shown} of {total} tasks, those needing attention first: the longest"
        " overdue first.",
    },
    "tasks.detail": {"vi": "Chi tiết nhiệm vụ", "en": "Task detail"},
    "tasks.title_task": {"vi": "Nhiệm vụ {id}", "en": "Task {id}"},
    "tasks.choose": {"vi": "Chọn nhiệm vụ", "en": "Choose a task"},
    "tasks.choose_none": {"vi": "— chọn một nhiệm vụ —", "en": "— choose a task —"},
    "tasks.agency_gone": {
        "vi": "{name} (theo Kế hoạch; nay: {now})",
        "en": "{name} (in the plan; now: {now})",
    },
    "tasks.plan_named": {"vi": "Kế hoạch giao: {names}", "en": "the plan named: {names}"},
    "tasks.plan_named_unverified": {
        "vi": "Kế hoạch giao: {names}; chưa xác minh",
        "en": "the plan named: {names}; unverified",
    },
    "tasks.unverified": {"vi": "chưa xác minh", "en": "unverified"},
    "tasks.col.id": {"vi": "Số", "en": "No."},
    "tasks.col.group": {"vi": "Nhóm", "en": "Group"},
    "tasks.col.sector": {"vi": "Lĩnh vực", "en": "Sector"},
    "tasks.col.task": {"vi": "Nhiệm vụ", "en": "Task"},
    "tasks.col.lead": {"vi": "Cơ quan chủ trì", "en": "Lead agency"},
    "tasks.col.deadline": {"vi": "Hạn", "en": "Deadline"},
    "tasks.col.deadline_basis": {"vi": "Căn cứ hạn", "en": "Deadline from"},
    "tasks.col.status": {"vi": "Tình trạng", "en": "Status"},
    "tasks.col.report_year": {"vi": "Năm báo cáo", "en": "Report year"},
    "tasks.col.progress": {"vi": "Tiến độ (báo cáo mới nhất)", "en": "Progress (latest report)"},
    "tasks.col.role": {"vi": "Vai trò", "en": "Role"},
    "tasks.col.via": {"vi": "Kế hoạch giao cho", "en": "Given by the plan to"},
    "tasks.col.basis": {"vi": "Liên kết", "en": "Linked by"},
    "tasks.reported.not_started": {"vi": "Chưa triển khai", "en": "Not started"},
    "tasks.reported.in_progress": {"vi": "Đang thực hiện", "en": "In progress"},
    "tasks.reported.completed": {"vi": "Đã hoàn thành", "en": "Completed"},
    "tasks.history.year": {"vi": "Năm", "en": "Year"},
    "tasks.history.agency": {"vi": "Cơ quan báo cáo", "en": "Reporting agency"},
    "tasks.history.role": {"vi": "Vai trò", "en": "Role"},
    "tasks.history.reported": {"vi": "Tình trạng báo cáo", "en": "Status reported"},
    "tasks.history.completed_on": {"vi": "Ngày hoàn thành", "en": "Completed on"},
    "tasks.history.deadline": {"vi": "Hạn", "en": "Deadline"},
    "tasks.history.progress": {"vi": "Tiến độ", "en": "Progress"},
    "tasks.history.evidence": {"vi": "Văn bản, minh chứng", "en": "Evidence"},
    "tasks.history.obstacles": {"vi": "Khó khăn, vướng mắc", "en": "Obstacles"},
    "tasks.history.proposals": {"vi": "Kiến nghị", "en": "Proposals"},
    "tasks.history.provenance": {"vi": "Nguồn gốc số liệu", "en": "Provenance"},
    "tasks.history.source": {"vi": "Nguồn", "en": "Source"},
    "tasks.agencies.role": {"vi": "Vai trò", "en": "Role"},
    "tasks.agencies.plan": {"vi": "Theo Kế hoạch", "en": "In the plan"},
    "tasks.agencies.today": {"vi": "Nay", "en": "Today"},
    "tasks.days_overdue": {"vi": "quá hạn {n} ngày", "en": "{n} days overdue"},
    "tasks.deadline_line": {"vi": "Hạn: {day} ({basis})", "en": "Deadline: {day} ({basis})"},
    "tasks.summary_en": {"vi": "Tóm tắt tiếng Anh", "en": "Our summary in English"},
    "tasks.plan_text": {"vi": "Nguyên văn Kế hoạch", "en": "The plan's words (Vietnamese)"},
    "tasks.deliverables": {"vi": "Sản phẩm Kế hoạch nêu", "en": "What the plan asks to deliver"},
    "tasks.plan_deadline": {
        "vi": "Kế hoạch đặt năm {year}: “{words}”",
        "en": "The plan sets the year {year}: “{words}”",
    },
    "tasks.agencies": {"vi": "Cơ quan thực hiện", "en": "Agencies"},
    "tasks.served": {
        "vi": "Chỉ tiêu và mục tiêu nhiệm vụ phục vụ",
        "en": "Indicators and targets the task serves",
    },
    "tasks.served_none": {
        "vi": "Nhiệm vụ này không gắn với chỉ tiêu nào của bảng theo dõi.",
        "en": "This task is not linked to an indicator of the scorecard.",
    },
    "tasks.served.target": {"vi": "Mục tiêu", "en": "Target"},
    "tasks.served.basis": {"vi": "Liên kết", "en": "Linked by"},
    "tasks.history": {"vi": "Các báo cáo đã công bố", "en": "Published reports"},
    "tasks.history_none": {
        "vi": "Chưa có báo cáo nào về nhiệm vụ này được công bố.",
        "en": "No report on this task has been published yet.",
    },
    "agency.intro": {
        "vi": "Những việc một cơ quan hiện nay phải thực hiện: nhiệm vụ chủ trì, phối hợp (kể cả"
        " nhiệm vụ Kế hoạch giao cho các cơ quan trước đây nay do cơ quan này đảm nhận) và tình"
        " trạng từng việc, các chỉ tiêu cơ quan báo cáo và tình hình nộp báo cáo kỳ gần nhất.",
        "en": "What one of today's agencies owes: the tasks it leads and cooperates on (those the"
        " plan gave to agencies it took over included) and where each stands, the indicators it"
        " reports and its reports of the last period.",
    },
    "agency.choose": {"vi": "Cơ quan", "en": "Agency"},
    "agency.none": {"vi": "— chọn một cơ quan —", "en": "— choose an agency —"},
    "agency.pick_first": {
        "vi": "Chọn một cơ quan để xem những việc cơ quan đó phải thực hiện.",
        "en": "Choose an agency to see what it owes.",
    },
    "agency.answers_for": {
        "vi": "Thực hiện nhiệm vụ Kế hoạch đã giao cho: {names}.",
        "en": "Answers for what the plan gave to: {names}.",
    },
    "agency.counts": {
        "vi": "Tình trạng {n} nhiệm vụ cơ quan chủ trì, phối hợp hoặc cùng các sở, ban, ngành"
        " thực hiện:",
        "en": "Where the {n} tasks it leads, cooperates on or shares with every department stand:",
    },
    "agency.lead": {"vi": "Nhiệm vụ chủ trì ({n})", "en": "Tasks it leads ({n})"},
    "agency.cooperating": {"vi": "Nhiệm vụ phối hợp ({n})", "en": "Tasks it cooperates on ({n})"},
    "agency.all": {
        "vi": "Nhiệm vụ chung của các sở, ban, ngành ({n})",
        "en": "Tasks of every department ({n})",
    },
    "agency.indicators": {
        "vi": "Chỉ tiêu cơ quan báo cáo ({n})",
        "en": "Indicators it reports ({n})",
    },
    "agency.col.for": {"vi": "Báo cáo thay cho", "en": "Reported for"},
    "agency.reporting": {
        "vi": "Tình hình nộp báo cáo kỳ {period}",
        "en": "Its reports of period {period}",
    },
    "agency.reporting_none": {
        "vi": "Cơ quan không phải nộp số liệu kỳ {period}.",
        "en": "The agency has no figures to report for period {period}.",
    },
    "agency.store_unreachable": {
        "vi": "Chưa đọc được tình hình nộp báo cáo (không kết nối được cơ sở dữ liệu); phần còn"
        " lại của trang vẫn đúng.",
        "en": "The reporting status could not be read (the database cannot be reached); the rest"
        " of the page stands.",
    },
    "agency.print_hint": {
        "vi": "Để in: dùng lệnh In của trình duyệt (Ctrl+P); trang chỉ gồm bảng, in được trên khổ"
        " A4 ngang.",
        "en": "To print: use the browser's Print (Ctrl+P); the page holds only tables and fits"
        " landscape A4.",
    },
    "target.intro": {
        "vi": "15 mục tiêu cụ thể của Kế hoạch (mục II.3) trong ba nhóm; chọn một mục tiêu để xem"
        " các chỉ tiêu của nó bên cạnh các nhiệm vụ phục vụ nó: cả con số và hành động.",
        "en": "The plan's 15 targets (section II.3) in their three groups; choose one to see its"
        " indicators beside the tasks that serve it: both the numbers and the actions.",
    },
    "target.choose": {"vi": "Mục tiêu", "en": "Target"},
    "target.all": {"vi": "— cả 15 mục tiêu —", "en": "— all 15 targets —"},
    "target.label": {"vi": "Mục tiêu {n}", "en": "Target {n}"},
    "target.indicators": {"vi": "Chỉ tiêu của mục tiêu", "en": "The target's indicators"},
    "target.tasks": {
        "vi": "Nhiệm vụ phục vụ mục tiêu ({n})",
        "en": "Tasks serving the target ({n})",
    },
    "target.tasks_none": {
        "vi": "Chưa có nhiệm vụ nào của mục III gắn với mục tiêu này.",
        "en": "No task of section III is linked to this target.",
    },
    "target.basis_note": {
        "vi": "Liên kết: “Kế hoạch nêu” khi lời Kế hoạch gắn nhiệm vụ với chỉ tiêu; “Thư ký giao”"
        " khi Thư ký (Sở Tài chính) gắn.",
        "en": "Linked by: “the plan's words” when the plan itself ties the task to the indicator;"
        " “set by the secretariat” otherwise.",
    },
    "target.col.target": {"vi": "Mục tiêu", "en": "Target"},
    "target.col.indicators": {"vi": "Chỉ tiêu và tình trạng", "en": "Indicators and status"},
    "target.col.tasks": {"vi": "Nhiệm vụ phục vụ", "en": "Tasks serving it"},
    "target.tasks_count": {
        "vi": "{n} nhiệm vụ · {overdue} quá hạn",
        "en": "{n} tasks · {overdue} overdue",
    },
    "attention.heading": {"vi": "Cần chú ý ({n})", "en": "Needs attention ({n})"},
    "attention.order": {
        "vi": "Chỉ tiêu chưa đạt tiến độ (đi xa mục tiêu, tiến bộ hạn chế, cần tăng tốc, chưa bắt"
        " đầu) và nhiệm vụ quá hạn (quá hạn lâu nhất trước), xen kẽ lần lượt một chỉ tiêu, một"
        " nhiệm vụ; kèm cơ quan chịu trách nhiệm hiện nay (cơ quan Kế hoạch giao trong ngoặc khi"
        " khác).",
        "en": "Indicators off track (moving away from the target, limited progress, needs"
        " acceleration, not started) and overdue tasks (the longest overdue first), taken in"
        " turn, one indicator, one task; with the agency responsible today (the plan's in"
        " brackets where different).",
    },
    "attention.none": {
        "vi": "Không có chỉ tiêu chậm tiến độ hay nhiệm vụ quá hạn.",
        "en": "No indicator is off track and no task is overdue.",
    },
    "attention.all": {"vi": "Xem cả {n} mục", "en": "See all {n}"},
    "attention.see_tasks": {
        "vi": "Mọi nhiệm vụ quá hạn trên trang Nhiệm vụ",
        "en": "Every overdue task on the Tasks page",
    },
    "attention.col.no": {"vi": "#", "en": "#"},
    "attention.col.item": {"vi": "Chỉ tiêu, nhiệm vụ", "en": "Indicator or task"},
    "attention.col.agency": {
        "vi": "Cơ quan chịu trách nhiệm hiện nay",
        "en": "Agency responsible today",
    },
    "attention.indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "attention.task": {"vi": "Nhiệm vụ", "en": "Task"},
    "overview.scorecard": {"vi": "Bảng theo dõi chỉ tiêu", "en": "Scorecard"},
    "overview.sort": {"vi": "Thứ tự", "en": "Order"},
    "overview.sort.plan": {"vi": "Theo thứ tự Kế hoạch", "en": "The plan's order"},
    "overview.sort.status": {
        "vi": "Theo tình trạng (chậm nhất trước)",
        "en": "By status (worst first)",
    },
    # a target group's summary
    "summary.caption": {
        "vi": "{group} · {n} chỉ tiêu; bấm tên một chỉ tiêu để mở trang riêng của nó",
        "en": "{group} · {n} indicators; open one by its name for its own page",
    },
    "summary.chart_title": {
        "vi": "Từng chỉ tiêu, {first}-{last}: số liệu so với mục tiêu, lộ trình và dự báo",
        "en": "Each indicator, {first}-{last}: values against the target, path and projection",
    },
    "summary.col.spread": {"vi": "Các huyện (năm gần nhất)", "en": "Districts (latest year)"},
    "summary.col.chosen": {
        "vi": "Huyện đã chọn · các huyện (năm gần nhất)",
        "en": "Chosen districts · all districts (latest year)",
    },
    "summary.spread": {
        "vi": "{low} ({low_areas}) đến {high} ({high_areas})",
        "en": "{low} ({low_areas}) to {high} ({high_areas})",
    },
    "summary.spread_year": {"vi": "{year} · {n} huyện", "en": "{year} · {n} districts"},
    "summary.province_only": {"vi": "chỉ theo dõi toàn tỉnh", "en": "province only"},
    "summary.steps": {"vi": "{done}/{total} bước xong", "en": "{done} of {total} steps done"},
    "summary.chart_hint": {
        "vi": "Mỗi ô một chỉ tiêu, trục giá trị riêng. Giá trị chính xác ở bảng phía trên; bấm"
        " tên chỉ tiêu để mở biểu đồ tương tác của nó.",
        "en": "One panel per indicator, each with its own value axis. Exact values are in the"
        " table above; click an indicator's name for its interactive chart.",
    },
    "summary.chart_failed": {
        "vi": "Không vẽ được biểu đồ nhỏ lúc này. Các giá trị có ở bảng trên; bấm tên chỉ tiêu để"
        " xem biểu đồ của nó. Nếu vẫn lỗi, báo cho quản trị hệ thống (nhật ký máy chủ ghi lý do).",
        "en": "The small charts could not be drawn just now. The values are in the table above;"
        " click an indicator's name for its chart. If this persists, tell the administrator (the"
        " server's log says why).",
    },
    "summary.chart_alt": {
        "vi": "Biểu đồ nhỏ theo từng chỉ tiêu (số liệu, mục tiêu, lộ trình và dự báo): {names}",
        "en": "Small charts, one per indicator (values, target, path and projection): {names}",
    },
    "summary.milestones_note": {
        "vi": "Chỉ tiêu dạng mốc hoàn thành ({labels}) không có đường số liệu; xem tiến độ từng"
        " bước ở trang của chỉ tiêu.",
        "en": "Milestone targets ({labels}) have no line of values; their steps are on the"
        " indicator's page.",
    },
    "chart.guide": {"vi": "Đường", "en": "Line"},
    # an indicator's page
    "page.indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "indicator.not_found": {"vi": "Không tìm thấy chỉ tiêu", "en": "Indicator not found"},
    "indicator.missing_id": {
        "vi": "Liên kết chưa nêu chỉ tiêu nào: trang này cần mã chỉ tiêu trong tham số id.",
        "en": "The link names no indicator: this page needs an indicator id in its id parameter.",
    },
    "indicator.unknown_id": {
        "vi": "Không có chỉ tiêu mã «{id}» trong danh mục của dữ liệu đang xem.",
        "en": "There is no indicator with id “{id}” in the catalog of the data viewed.",
    },
    "indicator.pick": {
        "vi": "Chọn một chỉ tiêu từ trang nhóm mục tiêu, bảng tổng quan hoặc danh mục chỉ tiêu:",
        "en": "Pick an indicator on a target group's page, the overview or the catalog:",
    },
    "indicator.other_sector": {
        "vi": "Chỉ tiêu này không thuộc lĩnh vực «{sector}» đang chọn; trang vẫn hiển thị vì liên"
        " kết dẫn thẳng tới nó.",
        "en": "This indicator is not in the chosen sector “{sector}”; the page shows it because"
        " the link leads straight to it.",
    },
    "indicator.map": {"vi": "Trên bản đồ", "en": "On the map"},
    "indicator.map_show": {
        "vi": "Xem ảnh bản đồ năm {year} tại đây",
        "en": "Show the {year} map picture here",
    },
    "indicator.map_hint": {
        "vi": "Bản đồ tương tác (chọn năm, bấm vào huyện) ở trang riêng.",
        "en": "The interactive map (choose a year, click a district) has its own page.",
    },
    "indicator.about": {"vi": "Định nghĩa và nguồn", "en": "Definition and sources"},
    "indicator.sources": {"vi": "Số liệu lấy từ", "en": "Where the values come from"},
    "indicator.source_count": {"vi": "{n} giá trị, {years}", "en": "{n} values, {years}"},
    "indicator.illustrative_sources": {
        "vi": "{n} giá trị minh họa ({years}) từ {sources} nguồn minh họa",
        "en": "{n} illustrative values ({years}) from {sources} illustrative sources",
    },
    "indicator.no_sources": {"vi": "Chưa có số liệu.", "en": "No values yet."},
    "indicator.tasks": {
        "vi": "Nhiệm vụ phục vụ chỉ tiêu ({n})",
        "en": "Tasks serving this indicator ({n})",
    },
    "indicator.tasks_note": {
        "vi": "Nhiệm vụ của mục III Kế hoạch gắn với chỉ tiêu, theo lời Kế hoạch hoặc do Tổ thư ký"
        " gắn; cơ quan chủ trì là cơ quan đảm nhận hiện nay. Bấm số nhiệm vụ để xem toàn văn và"
        " tình hình thực hiện.",
        "en": "Tasks of the plan's section III linked to the indicator, by the plan's words or by"
        " the secretariat; the lead is the agency answering for it today. Open a task by its"
        " number for its whole text and progress.",
    },
    "indicator.no_tasks": {
        "vi": "Chưa có nhiệm vụ nào gắn với chỉ tiêu này.",
        "en": "No task is linked to this indicator yet.",
    },
    "indicator.col.task": {"vi": "Nhiệm vụ", "en": "Task"},
    "indicator.col.text": {"vi": "Nội dung", "en": "What"},
    "indicator.col.lead": {"vi": "Chủ trì (hiện nay)", "en": "Lead (today)"},
    "indicator.col.deadline": {"vi": "Thời hạn", "en": "Deadline"},
    "indicator.col.basis": {"vi": "Gắn theo", "en": "Linked by"},
    "indicator.basis.plan": {"vi": "lời Kế hoạch", "en": "the plan's words"},
    "indicator.basis.secretariat": {"vi": "Tổ thư ký", "en": "the secretariat"},
    "indicator.unverified": {"vi": "chưa xác minh", "en": "unverified"},
}


TEXTS_DIR = Path(__file__).resolve().parent / "texts"


@cache
def _long_text(key: str, lang: str) -> str | None:
    path = TEXTS_DIR / f"{key}.{lang}.md"
    return path.read_text(encoding="utf-8") if path.exists() else None


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The string `key` in `lang`, with `{placeholders}` filled in; unknown keys fail loudly."""
    entry = STRINGS.get(key)
    if entry is None:
        text = _long_text(key, lang) or _long_text(key, DEFAULT_LANGUAGE)
        if text is None:
            raise KeyError(f"no translation for {key!r}; add it to ttx_data.i18n.STRINGS")
    else:
        text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&@^])")
"""The ASCII punctuation Markdown gives a meaning to (CommonMark lets a backslash make any of them
literal): links, images, emphasis, lists, tables, HTML, Streamlit's :icons:, :colour[...] and $maths$."""


_AUTOLINK_START = re.compile(r"(\\:|(?<![\w])www|\w(?=\\@))", re.IGNORECASE)
"""Where GitHub-flavoured Markdown starts a bare link even with every punctuation escaped
("https://", "www.", "name@host"): an invisible word joiner (U+2060) goes after it."""


def literal_markdown(text: object, max_length: int = 200) -> str:
    """Text from a link, a file or a user, made safe to place inside Markdown: shown exactly as
    typed (one line, at most `max_length` characters), never as a link, image or formatting.

    >>> print(literal_markdown("**Họp** [Đăng nhập](x)"))
    \\*\\*Họp\\*\\* \\[Đăng nhập\\]\\(x\\)
    """
    flat = " ".join(str(text).split())
    if len(flat) > max_length:
        flat = flat[: max_length - 1] + "…"
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", flat)
    return _AUTOLINK_START.sub("\\1\u2060", escaped)


def t_markdown(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """`t` for a message rendered as Markdown whose `{placeholders}` hold outside text (a snapshot
    name, a link's value): the message's own formatting stays, the values show literally."""
    return t(key, lang, **{name: literal_markdown(value) for name, value in values.items()})


NUMBER_MARKS = {"vi": (",", "."), "en": (".", ",")}
"""(decimal mark, thousands separator) per language: 1.234,5 in Vietnamese, 1,234.5 in English."""

DATE_FORMATS = {"vi": "%d/%m/%Y", "en": "%-d %b %Y"}
"""How readers write a date, as a strftime and d3-time-format pattern: 24/11/2026, 24 Nov 2026."""

_VI_TIME = {
    "dateTime": "%A, %d/%m/%Y %X",
    "date": DATE_FORMATS["vi"],
    "time": "%H:%M:%S",
    "periods": ["SA", "CH"],
    "days": ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"],
    "shortDays": ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
    "months": [f"tháng {m}" for m in range(1, 13)],
    "shortMonths": [f"thg {m}" for m in range(1, 13)],
}


def vega_locale(lang: str = DEFAULT_LANGUAGE) -> dict:
    """The number and time locale of a Vega-Lite chart (`config.locale`) in the language, so axis
    labels, tooltips and dates read 18.000 and 37,8 and tháng 3 in Vietnamese."""
    decimal, thousands = NUMBER_MARKS["en" if lang == "en" else "vi"]
    number = {"decimal": decimal, "thousands": thousands, "grouping": [3]}
    if lang == "en":
        return {"number": {**number, "currency": ["$", ""]}}
    return {"number": {**number, "currency": ["", " ₫"]}, "time": _VI_TIME}


def format_date(value: str | dt.date, lang: str = DEFAULT_LANGUAGE) -> str:
    """A date as readers write it: 24/11/2026 (vi) or 24 Nov 2026 (en)."""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return day.strftime(DATE_FORMATS["en" if lang == "en" else "vi"])


def normalize_language(value: object) -> str:
    """A supported language code from user input (URL, widget), defaulting to Vietnamese."""
    text = str(value or "").strip().lower()
    return text if text in LANGUAGES else DEFAULT_LANGUAGE


def format_number(value: float | None, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """A number with the language's separators: 1.234,5 (vi) or 1,234.5 (en); '—' when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    decimal, thousands = NUMBER_MARKS["en" if lang == "en" else "vi"]
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def format_signed(value: float | None, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """A change with its sign: +2,1 / −0,4 (a true minus sign, easier to read on a projector)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    body = format_number(abs(value), lang, decimals)
    if round(value, decimals) == 0:
        return body
    return ("+" if value > 0 else "−") + body


def format_value(value: float | None, unit_label: str, lang: str, decimals: int = 1) -> str:
    """A value with its unit: '37,8%' or '12.500 ha' (no space before %)."""
    number = format_number(value, lang, decimals)
    if number == "—":
        return number
    if unit_label in ("%", ""):
        return f"{number}{unit_label}"
    return f"{number} {unit_label}"
