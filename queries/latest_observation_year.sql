-- The latest year the observations cover, province or district: one row (null when there are none).
select max(year) as latest_year
from observations
