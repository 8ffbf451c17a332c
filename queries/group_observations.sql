-- Values of every indicator of one target group for the province and each district: one row per indicator, area and year in [$first_year, $last_year].
with chosen as (
    select o.indicator_id, o.area_code, o.area_level, o.year, o.value, o.provenance
    from observations as o
    join indicators as i using (indicator_id)
    where i."group" = $group
      and o.area_level in ('province', 'district')
      and o.year between $first_year and $last_year
),

final as (
    select *
    from chosen
    order by indicator_id, area_level desc, area_code, year
)

select * from final
