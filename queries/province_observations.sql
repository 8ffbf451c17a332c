-- Province-level values of every indicator: one row per indicator and year in [$first_year, $last_year].
with province as (
    select indicator_id, year, value, provenance, source_title, source_url, note
    from observations
    where area_level = 'province'
      and year between $first_year and $last_year
),

final as (
    select *
    from province
    order by indicator_id, year
)

select * from final
