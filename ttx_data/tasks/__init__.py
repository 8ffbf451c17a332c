"""The plan's tasks (mục III) and the duties of running it (mục IV), and who answers for them.

`load_tasks()` gives the 62 numbered items of mục III (1.1 ... 8.11, 9) with their agencies, the
plan's text and the indicators they serve; `milestones()` the dated duties of mục IV (mid-term
review 2025, final review 2030, annual reports); `tasks_for_agency("so_tai_chinh_bac_ninh")`
what an agency answers for today, following the agency register (Sở Tài chính tỉnh Bắc Ninh:
what the plan gave Sở Kế hoạch và Đầu tư and Sở Tài chính).
"""

from ttx_data.tasks.assignments import (
    ROLES,
    AgencyError,
    Assignment,
    Current,
    current,
    duties_for_agency,
    tasks_for_agency,
)
from ttx_data.tasks.catalog import (
    BASES,
    COLLECTIVES,
    GROUPS,
    Deliverable,
    Link,
    Task,
    TaskCatalogError,
    load_tasks,
    task,
)
from ttx_data.tasks.duties import RECURRENCES, Duty, Milestone, load_duties, milestones

__all__ = [
    "BASES",
    "COLLECTIVES",
    "GROUPS",
    "RECURRENCES",
    "ROLES",
    "AgencyError",
    "Assignment",
    "Current",
    "Deliverable",
    "Duty",
    "Link",
    "Milestone",
    "Task",
    "TaskCatalogError",
    "current",
    "duties_for_agency",
    "load_duties",
    "load_tasks",
    "milestones",
    "task",
    "tasks_for_agency",
]
