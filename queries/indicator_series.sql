-- One indicator's values for the province and the chosen districts: one row per area and year in [$first_year, $last_year].
with chosen as (
    select indicator_id, area_code, area_level, year, value, provenance, source_title, source_url, note
    from observations
    where indicator_id = $indicator_id
      and year between $first_year and $last_year
      and (area_level = 'province' or list_contains($area_codes, area_code))
),

final as (
    select *
    from chosen
    order by area_level desc, area_code, year
)

select * from final
