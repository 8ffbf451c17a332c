-- The latest year from $first_year to $last_year with district values of one indicator: one row (null when there are none).
select max(year) as latest_year
from observations
where indicator_id = $indicator_id
  and area_level = 'district'
  and year between $first_year and $last_year
